package io.wattline.notify.smpp;

import io.wattline.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SMSC for tests and the alarm-sms-latency benchmark: the npm {@code smpp} server
 * ({@code smsc/smsc.js} on the test classpath) in its own Node process on 127.0.0.1, installed with
 * npm into a folder the caller owns, the way the collector's OPC UA tests install node-opcua. It
 * decodes what it receives (UCS-2 included), joins concatenated parts, answers receipts, and
 * reports every event on a line that this class collects.
 */
public final class SmscPeer implements AutoCloseable {

    private static final String INSTALL = "apt-get install -y nodejs npm";

    private final Path work;
    private final int port;
    private final List<Event> events = new ArrayList<>();
    private final StringBuffer errors = new StringBuffer();
    private Process process;
    private Writer commands;

    /** One line the SMSC printed, with the JVM's arrival time. */
    public record Event(String type, Map<String, String> fields, long arrivedNanos) {

        public String get(String key) {
            return fields.getOrDefault(key, "");
        }
    }

    private SmscPeer(Path work, int port) {
        this.work = work;
        this.port = port;
    }

    /** Installs the npm smpp package into {@code work} once (skips the test without node, fails under CI). */
    public static SmscPeer start(Path work, int port, String password) throws IOException, InterruptedException {
        prepare(work);
        SmscPeer peer = new SmscPeer(work, port);
        peer.launch(password);
        return peer;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static synchronized void prepare(Path work) throws IOException, InterruptedException {
        require(onPath("node") && onPath("npm"), "node and npm are needed for the SMSC peer (" + INSTALL + ")");
        Files.createDirectories(work);
        for (String f : List.of("package.json", "smsc.js")) {
            try (InputStream in = SmscPeer.class.getResourceAsStream("/smsc/" + f)) {
                Files.copy(in, work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(work.resolve("node_modules/smpp"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = npm.waitFor(300, TimeUnit.SECONDS);
        require(done && npm.exitValue() == 0, "npm could not install smpp into " + work + ":\n" + out);
    }

    private void launch(String password) throws IOException, InterruptedException {
        process = new ProcessBuilder("node", "smsc.js", String.valueOf(port), password == null ? "" : password)
                .directory(work.toFile()).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(this::readEvents, "smsc-" + port);
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> {
            try {
                errors.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.append(e);
            }
        }, "smsc-err-" + port);
        err.setDaemon(true);
        err.start();
        await("ready", e -> true, Duration.ofSeconds(30));
    }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String kv : line.split("\t")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        fields.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                synchronized (events) {
                    events.add(new Event(fields.getOrDefault("event", "?"), fields, System.nanoTime()));
                    events.notifyAll();
                }
            }
        } catch (IOException e) {
            errors.append("[event reader stopped: ").append(e.getMessage()).append("]\n");
        }
    }

    public int port() {
        return port;
    }

    public List<Event> events(String type) {
        synchronized (events) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /** Waits for the first event of this type that matches, and returns it. */
    public Event await(String type, Predicate<Event> match, Duration within) throws InterruptedException {
        awaitCount(type, match, 1, within);
        return events(type).stream().filter(match).findFirst().orElseThrow();
    }

    public void awaitCount(String type, Predicate<Event> match, int count, Duration within)
            throws InterruptedException {
        Await.until(events, () -> events(type).stream().filter(match).count() >= count, within,
                () -> count + " '" + type + "' events at the SMSC on port " + port + "; got "
                        + events(type).stream().filter(match).count() + "; stderr: " + errors);
    }

    /** The SMSC sends an SMS from {@code from} to every bound ESME. */
    public void deliver(String from, String text) throws IOException {
        command("{\"cmd\":\"deliver\",\"from\":" + json(from) + ",\"to\":\"10690000\",\"text\":" + json(text) + "}");
    }

    /** Closes every session, as a lost link would. */
    public void drop() throws IOException {
        command("{\"cmd\":\"drop\"}");
    }

    /** Answers the next {@code count} submit_sm with ESME_RTHROTTLED. */
    public void throttle(int count) throws IOException {
        command("{\"cmd\":\"throttle\",\"count\":" + count + "}");
    }

    private synchronized void command(String json) throws IOException {
        commands.write(json + "\n");
        commands.flush();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
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

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Skips with what to install, except under CI, where a missing peer is a failure. */
    private static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                throw new AssertionError(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }
}
