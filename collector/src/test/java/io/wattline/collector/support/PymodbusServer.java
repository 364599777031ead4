package io.wattline.collector.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pymodbus TCP slave in a child process ({@code src/test/resources/pymodbus_server.py}), serving
 * the registers of a JSON spec on a loopback port until closed.
 */
public final class PymodbusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PymodbusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a Modbus TCP slave with {@code specJson} (unit id → tables); waits until it accepts connections. */
    public static PymodbusServer start(String specJson) throws IOException, InterruptedException {
        return start(specJson, false);
    }

    /** Like {@link #start(String)}; with {@code rtuFraming} it speaks RTU frames over TCP. */
    public static PymodbusServer start(String specJson, boolean rtuFraming) throws IOException, InterruptedException {
        return start(specJson, rtuFraming, Peers.freePort());
    }

    /**
     * Like {@link #start(String, boolean)} on a given port: a device that disappears and comes back
     * is a server closed and started again on its old port.
     */
    public static PymodbusServer start(String specJson, boolean rtuFraming, int port)
            throws IOException, InterruptedException {
        Path script = script();
        Path spec = Files.createTempFile("pymodbus-spec", ".json");
        Files.writeString(spec, specJson);
        Path log = Files.createTempFile("pymodbus", ".log");
        Process p = new ProcessBuilder(Peers.SYSTEM_PYTHON.toString(), script.toString(), Integer.toString(port),
                spec.toString(), rtuFraming ? "rtu" : "tcp").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PymodbusServer server = new PymodbusServer(p, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("pymodbus server exited with " + p.exitValue() + ": "
                        + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("pymodbus server did not listen on " + port + " within 20 s: "
                + Files.readString(log));
    }

    /**
     * Starts an RTU slave on the serial line {@code device} (one end of a {@link SocatPair}) serving
     * {@code specJson}; waits until it has opened the line.
     */
    public static PymodbusServer startSerial(String specJson, String device) throws IOException, InterruptedException {
        Path script = script();
        Path spec = Files.createTempFile("pymodbus-spec", ".json");
        Files.writeString(spec, specJson);
        Path log = Files.createTempFile("pymodbus", ".log");
        Process p = new ProcessBuilder(Peers.SYSTEM_PYTHON.toString(), "-u", script.toString(), "serial:" + device,
                spec.toString(), "9600").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PymodbusServer server = new PymodbusServer(p, -1, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("pymodbus serial server exited with " + p.exitValue() + ": "
                        + Files.readString(log));
            }
            if (Files.readString(log).contains("serving RTU on")) {
                // It prints just before opening the port; give the event loop a moment to open it.
                Thread.sleep(500);
                return server;
            }
            Thread.sleep(50);
        }
        server.close();
        throw new IllegalStateException("pymodbus serial server did not start within 20 s: " + Files.readString(log));
    }

    /** The server script as a file (copied out when the tests run from a jar, as other modules' do). */
    private static Path script() throws IOException {
        try (InputStream in = PymodbusServer.class.getResourceAsStream("/pymodbus_server.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource pymodbus_server.py is missing");
            }
            Path copy = Files.createTempFile("pymodbus_server", ".py");
            Files.write(copy, in.readAllBytes());
            copy.toFile().deleteOnExit();
            return copy;
        }
    }

    public int port() {
        return port;
    }

    /** What the server printed, for assertion messages. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
