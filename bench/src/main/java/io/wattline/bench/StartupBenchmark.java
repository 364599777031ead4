package io.wattline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Cold start of {@code wattline demo} with an empty data directory, as a user starts it (the
 * launcher's JVM options and its way of giving the jar: extracted with a class-data-sharing archive
 * when the launcher made one): process start → first HTTP 200 on {@code /}, and
 * → first GOOD value in {@code /api/points/latest}. Baseline, same run: a JVM with the same options
 * starting the JDK's own HTTP server ({@link StartupBaseline}) → its first 200. Median of the runs.
 */
public final class StartupBenchmark implements Benchmark {

    /** The demo's documented user (docs/security.md), as HTTP Basic. */
    static final String DEMO_USER = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "demo:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /**
     * Asks the launcher for the options it starts the application with, so a benchmark measures
     * what a user runs; the launcher's environment goes with them via {@link #launcherEnvironment}.
     */
    static List<String> launcherJavaOptions() {
        return askLauncher("java-options");
    }

    /**
     * How the launcher gives the application to the JVM ({@code ./wattline java-launch}, which builds the
     * jar and its class-data-sharing archive first if needed): {@code -XX:SharedArchiveFile=... -jar
     * web-ui/target/app/wattline.jar} when the archive is ready, else {@code -jar web-ui/target/wattline.jar}.
     */
    static List<String> launcherJarArguments() {
        return askLauncher("java-launch");
    }

    /** The words one launcher command prints (its errors go to ours). */
    private static List<String> askLauncher(String command) {
        String root = System.getProperty("wattline.root");
        if (root == null) {
            throw new IllegalStateException("run the benchmark through ./wattline bench (wattline.root is not set)");
        }
        try {
            Process p = new ProcessBuilder(Path.of(root, "wattline").toString(), command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || text.isEmpty()) {
                throw new IllegalStateException("./wattline " + command + " failed (exit " + p.exitValue() + ")");
            }
            return List.of(text.split("\\s+"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run ./wattline " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running ./wattline " + command, e);
        }
    }

    /**
     * The environment the launcher gives the application ({@code ./wattline java-env}: glibc malloc arenas,
     * DuckDB's jemalloc options), so a benchmark measures what a user runs.
     */
    static ProcessBuilder launcherEnvironment(ProcessBuilder builder) {
        for (String assignment : askLauncher("java-env")) {
            int eq = assignment.indexOf('=');
            builder.environment().put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return builder;
    }
    private static final Duration GIVE_UP = Duration.ofSeconds(300);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "cold start of the demo (empty data dir): JVM start -> first HTTP 200 and first GOOD value [runs]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int runs = args.isEmpty() ? 5 : Integer.parseInt(args.get(0));
        List<String> jar = launcherJarArguments();
        out.println("the application as the launcher starts it: " + String.join(" ", jar));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Long> httpMs = new ArrayList<>();
        List<Long> goodMs = new ArrayList<>();
        List<Long> baselineMs = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            baselineMs.add(baseline(java));
            long[] demo = demo(java, jar);
            httpMs.add(demo[0]);
            goodMs.add(demo[1]);
            out.printf("run %d: http_ms=%d first_good_ms=%d baseline_http_ms=%d%n", i, demo[0], demo[1],
                    baselineMs.get(baselineMs.size() - 1));
        }
        out.printf("RESULT http_ms=%d first_good_ms=%d baseline_http_ms=%d runs=%d%n", median(httpMs),
                median(goodMs), median(baselineMs), runs);
    }

    private long[] demo(Path java, List<String> jar) throws Exception {
        Path data = Files.createTempDirectory("wattline-startup-");
        int port = freePort();
        int opcUaPort = freePort();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(launcherJavaOptions());
        command.addAll(jar);
        command.addAll(List.of("demo", "--port", Integer.toString(port), "--data",
                data.toString(), "--opcua-port", Integer.toString(opcUaPort)));
        Path log = data.resolveSibling(data.getFileName() + ".log");
        long t0 = System.nanoTime();
        Process p = launcherEnvironment(new ProcessBuilder(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try {
            String base = "http://127.0.0.1:" + port;
            long http = await(p, base + "/", body -> true, t0, log);
            long good = await(p, base + "/api/points/latest", body -> body.contains("\"GOOD\""), t0, log);
            return new long[] {http, good};
        } finally {
            stop(p);
            deleteTree(data);
            Files.deleteIfExists(log);
        }
    }

    private long baseline(Path java) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(launcherJavaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupBaseline.class.getName(),
                Integer.toString(port)));
        long t0 = System.nanoTime();
        Process p = launcherEnvironment(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return await(p, "http://127.0.0.1:" + port + "/", body -> true, t0, null);
        } finally {
            stop(p);
        }
    }

    /** Milliseconds from {@code t0} until {@code url} answers 200 with a body that passes {@code ok}. */
    private long await(Process p, String url, Predicate<String> ok, long t0, Path log) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", DEMO_USER).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the process exited with " + p.exitValue()
                        + (log == null ? "" : "; its output:\n" + Files.readString(log)));
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && ok.test(r.body())) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + " did not answer as expected within " + GIVE_UP.toSeconds() + " s");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** {@code web-ui/target/wattline.jar} next to this benchmark's jar ({@code -Dwattline.jar} overrides). */
    static Path applicationJar() throws Exception {
        String given = System.getProperty("wattline.jar");
        if (given != null) {
            return Path.of(given);
        }
        Path self = Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = self; dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("web-ui/target/wattline.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("web-ui/target/wattline.jar not found: build it (./wattline build)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
