package io.wattline.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable writes from a thread that was interrupted (a request whose client went away): they are made
 * whole, and the interrupt is left for the caller.
 */
class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedThreadStillAppendsAndWritesWhole() throws Exception {
        Path log = dir.resolve("entries.jsonl");
        Path state = dir.resolve("state.json");
        DurableFiles.append(log, "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
        Thread.currentThread().interrupt();
        try {
            DurableFiles.append(log, "{\"n\":2,\"note\":\"夜班\"}\n".getBytes(StandardCharsets.UTF_8));
            DurableFiles.write(state, "{\"last\":\"2026-12-03\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals("{\"n\":1}\n{\"n\":2,\"note\":\"夜班\"}\n", Files.readString(log, StandardCharsets.UTF_8));
        assertEquals("{\"last\":\"2026-12-03\"}", Files.readString(state, StandardCharsets.UTF_8));
        DurableFiles.write(state, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{}", Files.readString(state), "write replaces the whole content");
    }

    @Test
    void aPrivateFileIsWrittenWholeByAnInterruptedThreadAndStaysPrivate() throws Exception {
        Path secret = dir.resolve("keys/secret.txt");
        Thread.currentThread().interrupt();
        try {
            PrivateFiles.write(secret, "s3cr3t".getBytes(StandardCharsets.UTF_8));
        } finally {
            Thread.interrupted();
        }
        assertEquals("s3cr3t", Files.readString(secret));
        if (PrivateFiles.posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        }
    }
}
