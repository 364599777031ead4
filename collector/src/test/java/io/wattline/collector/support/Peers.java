package io.wattline.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Finding the real peers the integration tests need: skip without them, fail under CI. */
public final class Peers {

    public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private Peers() {
    }

    /** Skips the test (or fails it when {@code CI=true}) unless pymodbus runs under /usr/bin/python3. */
    public static void requirePymodbus() {
        String missing = null;
        if (!Files.isExecutable(SYSTEM_PYTHON)) {
            missing = SYSTEM_PYTHON + " is missing";
        } else {
            try {
                Process p = new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c", "import pymodbus.server")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    missing = "pymodbus cannot be imported: " + out.strip();
                }
            } catch (IOException e) {
                missing = "cannot run " + SYSTEM_PYTHON + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing = "interrupted while checking for pymodbus";
            }
        }
        if (missing != null) {
            String message = missing + ". Install it: apt-get install -y python3-pymodbus";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** Skips the test (or fails it when {@code CI=true}) unless socat is installed (the RS-485 bus emulator needs it). */
    public static void requireSocat() {
        if (!io.wattline.simulator.Rs485BusEmulator.socatAvailable()) {
            String message = "socat is missing. Install it: apt-get install -y socat";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** Skips the test (or fails it when {@code CI=true}) unless mbpoll is installed (the independent cross-check). */
    public static void requireMbpoll() {
        if (!Files.isExecutable(Path.of("/usr/bin/mbpoll"))) {
            String message = "mbpoll is missing. Install it: apt-get install -y mbpoll";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** Runs mbpoll with {@code args} and returns what it printed (it exits non-zero on an exception response). */
    public static String mbpoll(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/mbpoll"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mbpoll did not finish: " + out);
        }
        return out;
    }

    /**
     * A loopback port that was free a moment ago, below the kernel's ephemeral range. A port from that range (what
     * binding port 0 hands out) can be taken as the source port of a connection to itself: a collector reconnecting
     * to a device that is gone connects to its own socket once in tens of thousands of tries, and then holds the port
     * the device restarts on ("pymodbus server did not listen on 40633 within 20 s", 2026-12-04).
     */
    public static int freePort() throws IOException {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_FIXED_PORT + RANDOM.nextInt(below - FIRST_FIXED_PORT);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // another test or process has it: try another
            }
        }
        throw new IOException("no free loopback port between " + FIRST_FIXED_PORT + " and " + below + " in 200 tries");
    }

    private static final int FIRST_FIXED_PORT = 20_000;
    private static final java.util.Random RANDOM = new java.util.Random();

    // The lowest ephemeral port (Linux: /proc/sys/net/ipv4/ip_local_port_range), 32768 if it cannot be read.
    private static int ephemeralLow() {
        try {
            int low = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
            return low > FIRST_FIXED_PORT + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
