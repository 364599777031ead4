package io.wattline.historian.influx;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away InfluxDB 1.x ({@code influxd} from Debian's {@code influxdb} package) for tests and
 * benchmarks: its own config with meta, data and wal directories under {@code directory}, HTTP on a
 * free 127.0.0.1 port. {@link #stop()} kills the process like a crash; {@link #start()} brings it
 * back on the same port and directories. Never touches the system service.
 */
public final class LocalInfluxd implements AutoCloseable {

    private static final Path[] CANDIDATES = {Path.of("/usr/bin/influxd"), Path.of("/usr/local/bin/influxd")};

    private final Path executable;
    private final Path directory;
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    private LocalInfluxd(Path executable, Path directory, int port, boolean authEnabled) throws IOException {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
        this.config = directory.resolve("influxdb.conf");
        this.log = directory.resolve("influxd.log");
        int rpcPort = freePort();
        Files.createDirectories(directory);
        Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s"
                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false
                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  auth-enabled = %b
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                [subscriber]
                  enabled = false
                """.formatted(rpcPort, directory.resolve("meta"), directory.resolve("data"), directory.resolve("wal"), port, authEnabled));
    }

    /** The {@code influxd} executable, if installed ({@code apt-get install -y influxdb}). */
    public static Optional<Path> executable() {
        for (Path candidate : CANDIDATES) {
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts an influxd with its files under {@code directory}. */
    public static LocalInfluxd start(Path directory) throws IOException, InterruptedException {
        return start(directory, false);
    }

    /**
     * Starts an influxd with its files under {@code directory}; with {@code authEnabled} it requires
     * credentials (create the first admin user with {@link #execute}, which 1.x allows while no user exists).
     */
    public static LocalInfluxd start(Path directory, boolean authEnabled) throws IOException, InterruptedException {
        Path influxd = executable().orElseThrow(() -> new IOException(
                "influxd is not installed; install it with: apt-get install -y influxdb"));
        LocalInfluxd server = new LocalInfluxd(influxd, directory, freePort(), authEnabled);
        server.start();
        return server;
    }

    /** (Re)starts the process on the same port and directories and waits until {@code /ping} answers. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(executable.toString(), "run", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(url().resolve("/ping"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IOException("influxd exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("influxd did not answer /ping within 30 s on " + url() + "; see " + log);
            }
            Thread.sleep(20);
        }
    }

    /** Kills the process (SIGKILL), like a crash or a pulled cable. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Runs one InfluxQL statement that returns no data, e.g. {@code CREATE DATABASE x}. */
    public void execute(String influxql) throws IOException, InterruptedException {
        execute(influxql, "", "");
    }

    /** As {@link #execute(String)}, authenticated as {@code user} (basic authentication) unless it is empty. */
    public void execute(String influxql, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve("/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)));
        if (!user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IOException("'" + influxql + "' on " + url() + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
