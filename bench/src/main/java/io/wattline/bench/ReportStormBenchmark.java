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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 19's {@code report-storm}: the demo ({@code ./wattline demo}, its own launcher options) runs
 * for a warm-up, then 50 clients ask for consumption reports at once for the storm duration, 10 of
 * them heavy (the heaviest the API accepts: by meter and shift from raw samples over the longest range
 * a raw report may cover, {@link #RAW_DAYS} days), 40 of today by shift. Every answer other than 200
 * or 503 is counted and printed by status, so a refused query cannot pass for a served one. Measured: whether
 * the process stays alive, the longest gap in collection (the newest sample time of
 * {@code /api/points/latest}, polled every 250 ms), the p95 of the one-day reports that were
 * answered and the highest RSS. Baseline in the same run: the one-day report p95 before the storm.
 * Arguments: {@code --warmup S} (default 600), {@code --storm S} (default 120).
 */
final class ReportStormBenchmark implements Benchmark {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    /** The longest range of a consumption report from raw samples (docs/api.md: path=raw at most 31 days). */
    static final int RAW_DAYS = 31;

    @Override
    public String name() {
        return "report-storm";
    }

    @Override
    public String description() {
        return "50 concurrent consumption reports (10 a year from raw, 40 today by shift) on the demo: alive, collection gap, p95, RSS";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        long warmup = option(args, "--warmup", 600);
        long storm = option(args, "--storm", 120);
        Path root = Path.of(System.getProperty("wattline.root", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("report-storm");
        int port = freePort();
        ProcessBuilder demo = new ProcessBuilder(root.resolve("wattline").toString(), "demo", "--port", Integer.toString(port),
                "--data", data.toString(), "--opcua-port", Integer.toString(freePort()))
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        Process process = demo.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong rssMaxKb = new AtomicLong();
        AtomicLong gapMaxMs = new AtomicLong();
        try {
            awaitUp(http, base, process);
            out.println("demo up on port " + port + " (pid " + process.pid() + "), log " + data + ".log; warm-up " + warmup + " s");
            Thread rss = daemon("rss", () -> {
                while (running.get()) {
                    rssMaxKb.accumulateAndGet(rssKb(process.pid()), Math::max);
                    sleep(500);
                }
            });
            Thread gap = daemon("collection", () -> watchCollection(http, base, running, gapMaxMs));
            rss.start();
            gap.start();
            sleep(warmup * 1000);
            long gapBeforeStorm = gapMaxMs.getAndSet(0);
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                if (get(http, base + "/api/consumption?group=line&period=shift", 60) == 200) {
                    baseline.add((System.nanoTime() - t) / 1_000_000);
                }
            }
            out.println("baseline: one-day report p95 " + p95(baseline) + " ms alone; collection gap during warm-up "
                    + gapBeforeStorm / 1000.0 + " s");

            String heavy = base + heavyQuery(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
            String day = base + "/api/consumption?group=line&period=shift";
            int heavyFirst = get(http, heavy, 300);
            out.println("heavy query " + heavy.substring(base.length()) + " answered " + heavyFirst + " alone");
            ConcurrentLinkedQueue<Long> dayMs = new ConcurrentLinkedQueue<>();
            AtomicInteger day503 = new AtomicInteger();
            AtomicInteger dayOther = new AtomicInteger();
            AtomicInteger heavyOk = new AtomicInteger();
            AtomicInteger heavy503 = new AtomicInteger();
            AtomicInteger heavyOther = new AtomicInteger();
            java.util.concurrent.ConcurrentMap<String, AtomicInteger> otherByStatus = new java.util.concurrent.ConcurrentSkipListMap<>();
            long stormEnd = System.nanoTime() + storm * 1_000_000_000L;
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                boolean isHeavy = c < 10;
                clients.add(daemon("client-" + c, () -> {
                    while (System.nanoTime() < stormEnd) {
                        long t = System.nanoTime();
                        int status = get(http, isHeavy ? heavy : day, 300);
                        long ms = (System.nanoTime() - t) / 1_000_000;
                        if (status != 200 && status != 503) {
                            otherByStatus.computeIfAbsent((isHeavy ? "heavy_" : "day_") + (status < 0 ? "timeout" : status),
                                    k -> new AtomicInteger()).incrementAndGet();
                        }
                        if (isHeavy) {
                            (status == 200 ? heavyOk : status == 503 ? heavy503 : heavyOther).incrementAndGet();
                        } else if (status == 200) {
                            dayMs.add(ms);
                        } else {
                            (status == 503 ? day503 : dayOther).incrementAndGet();
                        }
                        if (status == 503) {
                            sleep(1000); // as a client honouring Retry-After roughly would
                        }
                    }
                }));
            }
            clients.forEach(Thread::start);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(storm + 320).toMillis());
            }
            boolean answersAfter = get(http, day, 60) == 200;
            int alive = process.isAlive() && answersAfter ? 1 : 0;
            out.println("storm: one-day 200=" + dayMs.size() + " 503=" + day503 + " other=" + dayOther + "; heavy 200="
                    + heavyOk + " 503=" + heavy503 + " other=" + heavyOther + " " + otherByStatus
                    + "; a report after the storm answered: " + answersAfter);
            out.printf("RESULT alive=%d collection_gap_max_s=%.1f p95_day_ms=%d rss_max_mb=%d baseline_p95_day_ms=%d"
                    + " day_ok=%d day_503=%d day_other=%d heavy_ok=%d heavy_503=%d heavy_other=%d%n", alive,
                    gapMaxMs.get() / 1000.0, p95(new ArrayList<>(dayMs)), rssMaxKb.get() / 1024, p95(baseline),
                    dayMs.size(), day503.get(), dayOther.get(), heavyOk.get(), heavy503.get(), heavyOther.get());
        } finally {
            running.set(false);
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The heavy report: by meter and shift from raw samples, from {@link #RAW_DAYS} − 1 days before
     * {@code today} (plant-local) to the end of today, i.e. exactly the longest raw range.
     */
    static String heavyQuery(LocalDate today) {
        return "/api/consumption?group=meter&period=shift&path=raw&from=" + today.minusDays(RAW_DAYS - 1);
    }

    private static void watchCollection(HttpClient http, String base, AtomicBoolean running, AtomicLong gapMaxMs) {
        Instant newest = null;
        long changedAt = System.nanoTime();
        while (running.get()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/points/latest")).header("Authorization", StartupBenchmark.DEMO_USER)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = TIME.matcher(r.body());
                Instant max = null;
                while (m.find()) {
                    Instant t = Instant.parse(m.group(1));
                    if (max == null || t.isAfter(max)) {
                        max = t;
                    }
                }
                if (max != null && (newest == null || max.isAfter(newest))) {
                    newest = max;
                    changedAt = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                // counted as a gap: the live path did not answer
            } catch (InterruptedException e) {
                return;
            }
            gapMaxMs.accumulateAndGet((System.nanoTime() - changedAt) / 1_000_000, Math::max);
            sleep(250);
        }
    }

    private static int get(HttpClient http, String url, int timeoutSeconds) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", StartupBenchmark.DEMO_USER).timeout(Duration.ofSeconds(timeoutSeconds)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitUp(HttpClient http, String base, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the demo exited with " + process.exitValue());
            }
            if (get(http, base + "/api/historian/status", 5) == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the demo did not answer within 5 minutes");
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone
        }
        return 0;
    }

    private static long p95(List<Long> ms) {
        if (ms.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
    }

    private static long option(List<String> args, String name, long fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Long.parseLong(args.get(i + 1)) : fallback;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, "report-storm-" + name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
