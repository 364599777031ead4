package io.wattline.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain Java Modbus RTU master on the emulator's master pty: writes a request and collects the
 * answer with a deadline (a dead slave must not block the test). The pty is already raw (socat).
 */
final class PtyMaster implements AutoCloseable {

    private final FileChannel in;
    private final FileChannel out;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    PtyMaster(String device) throws IOException {
        // a FileChannel, unlike a FileInputStream, wakes a blocked read when closed: a closed master
        // must not keep stealing bytes from the next one opening the same pty. Two channels: one
        // FileChannel serialises reads and writes on its position lock, and the read blocks.
        in = FileChannel.open(Path.of(device), StandardOpenOption.READ);
        out = FileChannel.open(Path.of(device), StandardOpenOption.WRITE);
        reader = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            try {
                while (in.read(buffer.clear()) >= 0) {
                    if (buffer.position() > 0) {
                        received.add(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
                    }
                }
            } catch (IOException e) {
                // closed by us, or the emulator ended the line (socat gone): nothing more will come
            }
        }, "pty-master-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** What one exchange gave: the bytes (maybe fewer than expected) and the time from write to the last byte. */
    record Answer(byte[] bytes, long elapsedNanos) {
    }

    /** Sends {@code request}, then waits up to {@code timeout} for {@code expected} bytes. */
    Answer exchange(byte[] request, int expected, Duration timeout) throws IOException, InterruptedException {
        received.clear();
        long start = System.nanoTime();
        out.write(ByteBuffer.wrap(request));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long last = start;
        long deadline = start + timeout.toNanos();
        while (got.size() < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            byte[] chunk = received.poll(left, TimeUnit.NANOSECONDS);
            if (chunk != null) {
                last = System.nanoTime();
                got.write(chunk);
            }
        }
        return new Answer(got.toByteArray(), last - start);
    }

    /** Waits {@code quiet} and returns whatever arrived in that time (late or unexpected bytes). */
    byte[] drain(Duration quiet) throws InterruptedException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = received.poll(quiet.toNanos(), TimeUnit.NANOSECONDS)) != null) {
            got.writeBytes(chunk);
        }
        return got.toByteArray();
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
    }
}
