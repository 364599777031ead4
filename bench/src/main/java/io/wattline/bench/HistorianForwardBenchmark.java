package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.StoredSample;
import io.wattline.historian.duckdb.DuckDbStore;
import io.wattline.historian.forward.Forwarder;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.historian.forward.LineProtocol;
import io.wattline.historian.forward.QuarantineFile;
import io.wattline.historian.influx.InfluxLineWriter;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.influx.InfluxQueries;
import io.wattline.historian.influx.LocalInfluxd;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Catch-up of the InfluxDB forwarder after an outage: a backlog of N minutes at R samples/s sits in
 * the local store; the forwarder ships it to a local influxd (Debian {@code influxdb} 1.x, started
 * by the benchmark). Baseline in the same run: a plain loop posting the same lines in the same
 * request sizes, gzip-compressed the same way, to {@code /write} of a second database on the same
 * server, with nothing read from or recorded in DuckDB.
 */
final class HistorianForwardBenchmark implements Benchmark {

    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final int POINTS_PER_DEVICE = 10;

    @Override
    public String name() {
        return "historian-forward";
    }

    @Override
    public String description() {
        return "forwarder catch-up to a local influxd vs a raw gzip /write loop of the same lines; args: [samples/s] [minutes]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int rate = args.isEmpty() ? 5_000 : Integer.parseInt(args.get(0));
        int minutes = args.size() < 2 ? 10 : Integer.parseInt(args.get(1));
        if (LocalInfluxd.executable().isEmpty()) {
            throw new IllegalStateException("influxd not found: apt-get install -y influxdb");
        }
        int devices = Math.max(1, rate / POINTS_PER_DEVICE);
        long samples = (long) devices * POINTS_PER_DEVICE * minutes * 60L;
        ForwarderOptions forwarding = ForwarderOptions.defaults();
        Path work = Files.createTempDirectory("historian-forward");
        try (LocalInfluxd influxd = LocalInfluxd.start(work.resolve("influx"))) {
            influxd.execute("CREATE DATABASE raw_before");
            influxd.execute("CREATE DATABASE raw_after");
            influxd.execute("CREATE DATABASE fwd");
            Path data = work.resolve("data");
            out.printf("writing a backlog of %d samples (%d devices x %d points, %d min at %d samples/s) to the local store%n",
                    samples, devices, POINTS_PER_DEVICE, minutes, devices * POINTS_PER_DEVICE);
            List<List<String>> bodies = backlog(data, devices, minutes, forwarding.batchSamples());

            // InfluxDB keeps compacting after a big load, which slows whatever comes next: the
            // baseline runs once before and once after the forwarder, and their mean is used.
            double rawBefore = rawLoop(influxd, "raw_before", bodies);
            InfluxOptions fwd = InfluxOptions.of(influxd.url(), "fwd", "bench-site");
            double catchup;
            // The store is open (as it is all through an outage); timing starts with the forwarder.
            try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty());
                    Forwarder forwarder = new Forwarder(historian.store(), Historian.INFLUX_CONSUMER,
                            new LineProtocol(fwd.measurement(), fwd.site()), new InfluxLineWriter(fwd, Duration.ofSeconds(120)),
                            new QuarantineFile(work.resolve("quarantine")), forwarding, Clock.systemUTC())) {
                long started = System.nanoTime();
                forwarder.start();
                while (forwarder.watermark() < samples) {
                    LockSupport.parkNanos(1_000_000);
                }
                catchup = (System.nanoTime() - started) / 1e9;
                out.printf("forwarder status after catch-up: %s%n", forwarder.status());
            }
            double rawAfter = rawLoop(influxd, "raw_after", bodies);
            double rawSeconds = (rawBefore + rawAfter) / 2;
            out.printf("raw /write loop before the forwarder: %.1f s, after: %.1f s%n", rawBefore, rawAfter);

            try (InfluxQueries queries = new InfluxQueries(fwd)) {
                List<Map<String, String>> count = queries.rows("SELECT count(\"p0_q\") FROM \"wattline\"");
                out.printf("rows in InfluxDB with p0: %s (expected %d)%n", count.get(0).get("count"),
                        (long) devices * minutes * 60);
            }
            double rawRate = samples / rawSeconds;
            double forwardRate = samples / catchup;
            out.printf("raw /write loop: %.1f s (%.0f samples/s); forwarder: %.1f s (%.0f samples/s), %d requests of %d samples%n",
                    rawSeconds, rawRate, catchup, forwardRate, bodies.size(), forwarding.batchSamples());
            out.printf("RESULT ratio=%.3f catchup_s=%.1f samples=%d forward_samples_per_s=%.0f baseline_samples_per_s=%.0f%n",
                    forwardRate / rawRate, catchup, samples, forwardRate, rawRate);
        } finally {
            HistorianIngestBenchmark.deleteTree(work);
        }
    }

    private static double rawLoop(LocalInfluxd influxd, String database, List<List<String>> bodies) throws Exception {
        InfluxLineWriter writer = new InfluxLineWriter(InfluxOptions.of(influxd.url(), database, "bench-site"),
                Duration.ofSeconds(120));
        long started = System.nanoTime();
        for (List<String> body : bodies) {
            writer.write(body); // gzip and POST, like the forwarder's requests
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Fills the store with the backlog and returns the same samples as request bodies of the forwarder's batch size. */
    private static List<List<String>> backlog(Path data, int devices, int minutes, int batchSamples) {
        PointId[][] points = new PointId[devices][POINTS_PER_DEVICE];
        for (int d = 0; d < devices; d++) {
            for (int p = 0; p < POINTS_PER_DEVICE; p++) {
                points[d][p] = new PointId("meter-" + d, "p" + p);
            }
        }
        List<List<String>> bodies = new ArrayList<>();
        LineProtocol protocol = new LineProtocol("wattline", "bench-site");
        // Written through the historian without a forwarder, rollups included, as during an outage.
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            DuckDbStore store = historian.store();
            for (int second = 0; second < minutes * 60; second++) {
                Instant time = START.plusSeconds(second);
                for (int d = 0; d < devices; d++) {
                    for (int p = 0; p < POINTS_PER_DEVICE; p++) {
                        Sample sample = Sample.good(points[d][p], time, second * 0.5 + d + p * 1000.25);
                        while (!store.offer(sample)) {
                            LockSupport.parkNanos(100_000);
                        }
                    }
                }
            }
            store.flush();
            historian.rollUpNow();
            for (long after = 0; ; ) {
                List<StoredSample> batch = store.after(after, batchSamples);
                if (batch.isEmpty()) {
                    break;
                }
                bodies.add(protocol.encode(batch));
                after = batch.get(batch.size() - 1).seq();
            }
        }
        return bodies;
    }
}
