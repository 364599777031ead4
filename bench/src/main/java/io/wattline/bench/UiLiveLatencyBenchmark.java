package io.wattline.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Live latency of the web UI's stream under load: the demo (the executable jar, as a user starts
 * it) with N Server-Sent-Events clients on {@code /api/stream/points}; latency = the client's
 * receive time − the sample's time (taken by the collector when it read the value), same machine
 * clock; p95 over a window after a warm-up, and the server's RSS at the end. Baseline, same run:
 * the same measured with one client first.
 */
public final class UiLiveLatencyBenchmark implements Benchmark {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    @Override
    public String name() {
        return "ui-live-latency";
    }

    @Override
    public String description() {
        return "N SSE clients on the demo's /api/stream/points: p95 sample time -> event received, server RSS [clients] [window_s]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int clients = args.isEmpty() ? 200 : Integer.parseInt(args.get(0));
        int windowS = args.size() < 2 ? 30 : Integer.parseInt(args.get(1));
        Path jar = StartupBenchmark.applicationJar();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path data = Files.createTempDirectory("wattline-ui-latency-");
        int port = StartupBenchmark.freePort();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(StartupBenchmark.launcherJavaOptions());
        command.addAll(List.of("-jar", jar.toString(), "demo", "--port", Integer.toString(port), "--data",
                data.toString(), "--opcua-port", "0"));
        ProcessBuilder builder = StartupBenchmark.launcherEnvironment(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        // every client signs in as the one demo user: lift the per-user stream cap (docs/security.md) above N
        builder.environment().put("WATTLINE_HTTP_MAX_STREAMS_PER_USER", Integer.toString(clients + 10));
        Process app = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitGood(http, base, app);
            double[] one = measure(http, base, 1, windowS / 2, out);
            double[] many = measure(http, base, clients, windowS, out);
            long rssMb = rssKb(app.pid()) / 1024;
            out.printf("RESULT p95_ms=%.1f rss_mb=%d clients=%d events=%.0f p50_ms=%.1f baseline_p95_ms=%.1f"
                    + " window_s=%d%n", many[0], rssMb, clients, many[2], many[1], one[0], windowS);
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** {p95, p50, events} of {@code clients} streams over {@code windowS} seconds after 5 s of warm-up. */
    private static double[] measure(HttpClient http, String base, int clients, int windowS, PrintStream out)
            throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong recordFrom = new AtomicLong(Long.MAX_VALUE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/stream/points")).header("Authorization", StartupBenchmark.DEMO_USER)
                .header("Accept", "text/event-stream").build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            var f = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            streams.add(f);
            Thread t = new Thread(() -> {
                try {
                    f.get().body().forEach(line -> {
                        long now = System.currentTimeMillis();
                        if (!line.startsWith("data:") || now < recordFrom.get()) {
                            return;
                        }
                        Matcher m = TIME.matcher(line);
                        if (m.find()) {
                            latencies.add(now - Instant.parse(m.group(1)).toEpochMilli());
                        }
                    });
                } catch (Exception e) {
                    // the stream was cancelled at the end of the window
                }
            }, "sse-client-" + i);
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
        Thread.sleep(5000);
        recordFrom.set(System.currentTimeMillis());
        Thread.sleep(windowS * 1000L);
        recordFrom.set(Long.MAX_VALUE);
        streams.forEach(f -> f.thenAccept(r -> r.body().close()));
        for (var f : streams) {
            f.cancel(true);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no sample events in " + windowS + " s with " + clients + " clients");
        }
        double p95 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
        double p50 = sorted[sorted.length / 2];
        out.printf("%d client(s): %d events in %d s, p50 %.0f ms, p95 %.0f ms, max %d ms%n", clients, sorted.length,
                windowS, p50, p95, sorted[sorted.length - 1]);
        return new double[] {p95, p50, sorted.length};
    }

    private static void awaitGood(HttpClient http, String base, Process app) throws Exception {
        HttpRequest latest = HttpRequest.newBuilder(URI.create(base + "/api/points/latest")).header("Authorization", StartupBenchmark.DEMO_USER).timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the demo exited with " + app.exitValue());
            }
            try {
                if (http.send(latest, HttpResponse.BodyHandlers.ofString()).body().contains("\"GOOD\"")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the demo served no GOOD value within 180 s");
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
