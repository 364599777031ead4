package io.wattline.core.files;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes that reach the disk ({@code fsync}) before they return, through a {@link FileOutputStream}, not
 * an interruptible {@link java.nio.channels.FileChannel}.
 *
 * <p>Why: the web server's request threads are interrupted when a client goes away mid-request (Reactor
 * cancels the work it runs). An interrupted {@code FileChannel} closes itself and throws
 * {@code ClosedByInterruptException}, even after its bytes were written: a production entry on disk that
 * the running application never took in, an audit line lost after the change it records, a shared file
 * closed for every other thread. A stream's write and sync are not interruptible; the thread's interrupt
 * stays set for its caller to see.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Appends {@code bytes} to {@code file} (created when missing) and syncs it. */
    public static void append(Path file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(bytes);
            out.getFD().sync();
        }
    }

    /** Replaces the content of {@code file} (created when missing, keeping an existing file's permissions) and syncs it. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), false)) {
            out.write(bytes);
            out.getFD().sync();
        }
    }
}
