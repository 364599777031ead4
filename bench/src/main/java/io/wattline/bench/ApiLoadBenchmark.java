package io.wattline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 18's {@code api-load}: the demo started as {@code ./wattline demo} starts it (the launcher's
 * JVM options), run for a warm-up, then 200 SSE clients on {@code /api/stream/points} (50 of them
 * never reading) while rounds of 50 concurrent {@code /api/consumption?group=line&period=shift}
 * requests (today by shift) run back to back for the load phase. Baseline in the same run: one report
 * computed alone (a query no one asked before). RSS of the demo process is sampled throughout.
 */
public final class ApiLoadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "api-load";
    }

    @Override
    public String description() {
        return "demo under 200 SSE clients (50 stalled) and 50 concurrent consumption reports: report p95, RSS, SSE"
                + " [--warmup 10m] [--duration 2m] [--sse 200] [--stalled 50] [--reports 50]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        Duration warmup = Duration.ofMinutes(10);
        Duration duration = Duration.ofMinutes(2);
        int sse = 200;
        int stalled = 50;
        int reports = 50;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            String v = args.get(i + 1);
            switch (args.get(i)) {
                case "--warmup" -> warmup = duration(v);
                case "--duration" -> duration = duration(v);
                case "--sse" -> sse = Integer.parseInt(v);
                case "--stalled" -> stalled = Integer.parseInt(v);
                case "--reports" -> reports = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        Path root = Path.of(System.getProperty("wattline.root", ".")).toAbsolutePath().normalize();
        Path launcher = root.resolve("wattline");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + ": run from the repository (./wattline bench"
                    + " api-load) or pass -Dwattline.root=DIR");
        }
        int port = freePort();
        Path data = Files.createTempDirectory("wattline-api-load");
        ProcessBuilder demoBuilder = new ProcessBuilder(launcher.toString(), "demo", "--port", Integer.toString(port),
                "--data", data.toString(), "--opcua-port", "0").redirectErrorStream(true)
                .redirectOutput(data.resolve("demo.log").toFile());
        // every SSE client signs in as the one demo user: lift the per-user stream cap (docs/security.md) above them
        demoBuilder.environment().put("WATTLINE_HTTP_MAX_STREAMS_PER_USER", Integer.toString(sse + 10));
        Process demo = demoBuilder.start();
        RssSampler rss = new RssSampler(demo.pid());
        Thread rssThread = new Thread(rss, "rss-sampler");
        rssThread.setDaemon(true);
        rssThread.start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<SseClient> clients = new ArrayList<>();
        try {
            awaitUp(http, base, demo, Duration.ofMinutes(10));
            out.printf("demo up on port %d (pid %d, log %s); warming up for %s%n", port, demo.pid(),
                    data.resolve("demo.log"), warmup);
            Thread.sleep(warmup.toMillis());

            // baseline: reports no one asked for before, each computed alone
            List<Long> single = new ArrayList<>();
            for (String group : List.of("costcentre", "meter", "area")) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(http, base + "/api/consumption?group=" + group + "&period=shift");
                single.add((System.nanoTime() - t0) / 1_000_000);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("baseline report answered " + r.statusCode() + ": " + r.body());
                }
            }
            Collections.sort(single);
            long singleMs = single.get(single.size() / 2);
            out.printf("one report computed alone: %s ms (median %d ms)%n", single, singleMs);

            for (int i = 0; i < sse; i++) {
                SseClient c = new SseClient(port, i < stalled);
                c.start();
                clients.add(c);
            }
            Thread.sleep(3000);
            long rssBeforeLoad = rss.current();
            clients.forEach(SseClient::startCounting);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicLong> sources = new ConcurrentHashMap<>();
            AtomicLong failures = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(reports);
            long end = System.nanoTime() + duration.toNanos();
            int rounds = 0;
            while (System.nanoTime() < end) {
                List<Future<?>> round = new ArrayList<>();
                for (int i = 0; i < reports; i++) {
                    round.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = get(http, base + "/api/consumption?group=line&period=shift");
                            latencies.add((System.nanoTime() - t0) / 1_000_000);
                            if (r.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                            sources.computeIfAbsent(r.headers().firstValue("Wattline-Cache").orElse("none"),
                                    k -> new AtomicLong()).incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : round) {
                    f.get();
                }
                rounds++;
            }
            pool.shutdown();
            clients.forEach(SseClient::stopCounting);
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            long p50 = sorted.get(sorted.size() / 2);
            long p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
            long max = sorted.get(sorted.size() - 1);
            List<SseClient> readers = clients.stream().filter(c -> !c.stalled).toList();
            long eventsMin = readers.stream().mapToLong(SseClient::counted).min().orElse(0);
            long eventsMedian = readers.stream().mapToLong(SseClient::counted).sorted().skip(readers.size() / 2)
                    .findFirst().orElse(0);
            long gapMax = readers.stream().mapToLong(SseClient::maxGapMs).max().orElse(0);
            long alive = demo.isAlive() ? 1 : 0;
            out.printf("%d rounds of %d reports in %s: p50 %d ms, p95 %d ms, max %d ms, %d failed; answers by source"
                    + " %s%n", rounds, reports, duration, p50, p95, max, failures.get(), sources);
            out.printf("%d SSE clients reading: events during the load min %d, median %d, longest gap %d ms;"
                    + " %d stalled clients%n", readers.size(), eventsMin, eventsMedian, gapMax, stalled);
            out.printf("RSS: %d MB before the load, %d MB max over the run%n", rssBeforeLoad / 1024,
                    rss.max() / 1024);
            out.printf("RESULT report_p95_ms=%d report_p50_ms=%d single_report_ms=%d p95_over_single=%.2f"
                    + " rss_max_mb=%d sse_events_min=%d sse_gap_max_ms=%d report_failures=%d demo_alive=%d%n",
                    p95, p50, singleMs, p95 / (double) Math.max(1, singleMs), rss.max() / 1024, eventsMin, gapMax,
                    failures.get(), alive);
        } finally {
            clients.forEach(SseClient::close);
            rss.stop();
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", StartupBenchmark.DEMO_USER)
                        .timeout(Duration.ofSeconds(120)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitUp(HttpClient http, String base, Process demo, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!demo.isAlive()) {
                throw new IllegalStateException("the demo exited with " + demo.exitValue());
            }
            try {
                if (get(http, base + "/api/points/latest").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the demo did not answer within " + within);
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("a duration like 90s, 10m or 1h: " + text);
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Samples the process's resident set (VmRSS, kB) from /proc. */
    static final class RssSampler implements Runnable {
        private final long pid;
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong current = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);

        RssSampler(long pid) {
            this.pid = pid;
        }

        @Override
        public void run() {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            while (running.get()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            current.set(kb);
                            max.accumulateAndGet(kb, Math::max);
                        }
                    }
                    Thread.sleep(500);
                } catch (IOException e) {
                    return; // the process is gone
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long max() {
            return max.get();
        }

        long current() {
            return current.get();
        }

        void stop() {
            running.set(false);
        }
    }

    /** One SSE client on a raw socket: reads and counts {@code sample} events, or never reads at all. */
    static final class SseClient extends Thread {
        private final int port;
        final boolean stalled;
        private final AtomicLong counted = new AtomicLong();
        private final AtomicBoolean counting = new AtomicBoolean();
        private volatile long lastEventNanos;
        private volatile long maxGapNanos;
        private volatile Socket socket;

        SseClient(int port, boolean stalled) {
            super("sse-" + (stalled ? "stalled" : "reader"));
            setDaemon(true);
            this.port = port;
            this.stalled = stalled;
        }

        @Override
        public void run() {
            try {
                socket = new Socket("127.0.0.1", port);
                if (stalled) {
                    socket.setReceiveBufferSize(4096);
                }
                OutputStream o = socket.getOutputStream();
                o.write(("GET /api/stream/points HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + StartupBenchmark.DEMO_USER
                        + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                o.flush();
                if (stalled) {
                    return; // connected and asked, never reads
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:sample") && counting.get()) {
                        long now = System.nanoTime();
                        if (lastEventNanos != 0) {
                            maxGapNanos = Math.max(maxGapNanos, now - lastEventNanos);
                        }
                        lastEventNanos = now;
                        counted.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed at the end of the run
            }
        }

        void startCounting() {
            lastEventNanos = System.nanoTime();
            counting.set(true);
        }

        void stopCounting() {
            counting.set(false);
            if (lastEventNanos != 0) {
                maxGapNanos = Math.max(maxGapNanos, System.nanoTime() - lastEventNanos);
            }
        }

        long counted() {
            return counted.get();
        }

        long maxGapMs() {
            return maxGapNanos / 1_000_000;
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
