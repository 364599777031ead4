package io.wattline.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Two connected virtual serial lines from socat ({@code pty,raw,echo=0}): what one side writes the
 * other reads. They carry bytes at memory speed (no baud-rate pacing), which is fine for protocol
 * tests, not for timing.
 */
public final class SocatPair implements AutoCloseable {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private final Process process;
    private final Path master;
    private final Path slave;

    private SocatPair(Process process, Path master, Path slave) {
        this.process = process;
        this.master = master;
        this.slave = slave;
    }

    /** Skips (or fails under {@code CI=true}) unless socat is installed. */
    public static void requireSocat() {
        if (!Files.isExecutable(SOCAT)) {
            String message = SOCAT + " is missing. Install it: apt-get install -y socat";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** Starts socat and waits until both pty links exist. */
    public static SocatPair start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("socat");
        Path a = dir.resolve("master");
        Path b = dir.resolve("slave");
        Path log = dir.resolve("socat.log");
        Process p = new ProcessBuilder(SOCAT.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(a) && Files.exists(b)) {
                return new SocatPair(p, a, b);
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("socat exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IllegalStateException("socat made no ptys within 10 s: " + Files.readString(log));
    }

    /** The line the collector (master) opens. */
    public String masterDevice() {
        return master.toString();
    }

    /** The line the slave under test opens. */
    public String slaveDevice() {
        return slave.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
