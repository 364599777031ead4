package io.wattline.fleet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test peers: skip with what to install on a developer's machine, fail under CI (CI=true). */
public final class Peers {

    private Peers() {
    }

    public static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }

    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }

    /** The command's path, looking in /usr/sbin too (Debian installs mosquitto there). */
    public static String path(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return Path.of("/usr/sbin", command).toString();
    }

    /** Waits for a condition (polling every 20 ms), never for a fixed time; fails with what was awaited. */
    public static void await(java.util.function.BooleanSupplier condition, java.time.Duration within, String what)
            throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("waited " + within.toMillis() + " ms for " + what);
            }
            Thread.sleep(20);
        }
    }
}
