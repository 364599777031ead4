package io.wattline.fleet.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Mosquitto broker, started by a test on a free loopback port with its own config and
 * log in a temp folder (MQTT 3.1.1 and 5). Anonymous clients are allowed: it listens on 127.0.0.1
 * only and lives as long as the test.
 */
public final class MosquittoBroker implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the broker (skips or, under CI, fails when mosquitto is not installed). */
    public static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
        Peers.require(Files.isExecutable(Path.of(Peers.path("mosquitto"))),
                "Debian's mosquitto broker is needed (apt-get install mosquitto; ./wattline test installs it)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("mosquitto.log");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_queued_messages 100000",
                "log_dest file " + log.toAbsolutePath(),
                "log_type error", "log_type warning", "log_type notice", ""));
        Process p = new ProcessBuilder(Peers.path("mosquitto"), "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(p, port, log);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!broker.accepts()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                broker.close();
                throw new IOException("mosquitto did not start on port " + port + ": "
                        + Files.readString(dir.resolve("mosquitto.out")));
            }
            Thread.sleep(20);
        }
        return broker;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
