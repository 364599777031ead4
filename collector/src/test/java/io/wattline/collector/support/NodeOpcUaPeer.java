package io.wattline.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real node-opcua server ({@code node-opcua/server.js} on the test classpath) in its own Node
 * process on 127.0.0.1. node-opcua is installed from the npm registry into the running module's
 * {@code target/node-opcua} once. It keeps its PKI under its own {@code XDG_CONFIG_HOME}, so a
 * restarted server keeps its certificate, and one started with another home has another
 * certificate (a renewal). Other modules' tests use it through the collector's test jar.
 */
public final class NodeOpcUaPeer implements AutoCloseable {

    /** Where node-opcua is installed and the server script runs: the running module's target folder. */
    public static final Path WORK = Path.of("target/node-opcua").toAbsolutePath();
    private static final String INSTALL = "apt-get install -y nodejs npm";

    private final int port;
    private final Path configHome;
    private final List<String> options;
    private final StringBuffer output = new StringBuffer();
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private Process process;
    private Path certificate;

    /**
     * @param options of {@code server.js}: {@code --user NAME:PASSWORD}, {@code --reject-unknown-clients},
     *                {@code --only-none}
     */
    public NodeOpcUaPeer(int port, Path configHome, String... options) {
        this.port = port;
        this.configHome = configHome;
        this.options = List.of(options);
    }

    /** Skips the test without node and npm (fails under CI) and installs node-opcua once. */
    public static synchronized void prepare() throws IOException, InterruptedException {
        require(onPath("node") && onPath("npm"), "node and npm are needed for the OPC UA peer (" + INSTALL + ")");
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "server.js")) {
            try (InputStream in = NodeOpcUaPeer.class.getResourceAsStream("/node-opcua/" + f)) {
                if (in == null) {
                    fail("node-opcua/" + f + " is not on the test classpath (collector's test resources)");
                }
                Files.copy(in, WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(WORK.resolve("node_modules/node-opcua"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(npm));
        boolean done = npm.waitFor(480, TimeUnit.SECONDS);
        if (!done) {
            npm.destroyForcibly();
        }
        require(done && npm.exitValue() == 0,
                "npm could not install node-opcua into " + WORK + " (needs the npm registry):\n" + out.getNow(""));
    }

    /** Starts the server and waits until it listens. */
    public NodeOpcUaPeer start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "server.js", String.valueOf(port)));
        command.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
        pb.environment().put("XDG_CONFIG_HOME", configHome.toString());
        process = pb.start();
        CompletableFuture<Path> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("READY ")) {
                        ready.complete(Path.of(line.substring(6).trim()));
                    } else if (line.startsWith("DONE ") || line.startsWith("FAILED ")) {
                        answers.add(line);
                    }
                }
            } catch (IOException e) {
                output.append("[reader stopped: ").append(e.getMessage()).append("]\n");
            }
            ready.complete(null);
        }, "node-opcua-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            certificate = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            certificate = null;
        }
        if (certificate == null) {
            close();
            fail("node-opcua server on port " + port + " did not start:\n" + output);
        }
        return this;
    }

    /**
     * Sends a command to the running server ({@code add NAME}, {@code delete NAME}: see server.js)
     * and waits for its answer; fails the test when the server refuses it.
     */
    public void command(String line) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null || !answer.equals("DONE " + line)) {
            fail("node-opcua server did not do '" + line + "': " + answer + "\n" + output);
        }
    }

    /** The server's certificate (PEM), for a trust list. */
    public Path certificate() {
        return certificate;
    }

    public String url() {
        return "opc.tcp://127.0.0.1:" + port + "/wattline-test";
    }

    public int port() {
        return port;
    }

    public String output() {
        return output.toString();
    }

    /** Kills the server process at once (no goodbye to its clients): a crash or a power cut. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "[output unreadable: " + e.getMessage() + "]";
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Skips with what to install, except under CI, where a missing peer is a failure. */
    static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }
}
