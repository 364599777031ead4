package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Sustained ingest of the historian's local store (offer until accepted, then flush; rollups
 * running behind the writer as in production) against a raw DuckDB appender loop writing the same
 * rows into the same table layout in the same batch size, in the same run.
 */
final class HistorianIngestBenchmark implements Benchmark {

    private static final int POINTS = 200;
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    @Override
    public String name() {
        return "historian-ingest";
    }

    @Override
    public String description() {
        return "historian local store samples/s (rollups on) vs a raw DuckDB appender loop; args: [samples]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int samples = args.isEmpty() ? 1_000_000 : Integer.parseInt(args.get(0));
        PointId[] points = new PointId[POINTS];
        String[] names = new String[POINTS];
        for (int p = 0; p < POINTS; p++) {
            points[p] = new PointId("meter-" + p, "active_power_total");
            names[p] = points[p].toString();
        }
        Path work = Files.createTempDirectory("historian-ingest");
        try {
            // warm-up of both paths (JIT, DuckDB extension loading), then the measured runs
            int warm = Math.min(samples, 100_000);
            rawAppenderSeconds(work.resolve("warm.duckdb"), names, warm);
            storeSeconds(work.resolve("warm-store"), points, warm, out, false);
            double rawPerSecond = samples / rawAppenderSeconds(work.resolve("raw.duckdb"), names, samples);
            double storePerSecond = samples / storeSeconds(work.resolve("store"), points, samples, out, true);
            out.printf("raw appender loop: %.0f samples/s; historian store: %.0f samples/s (%d samples, %d points)%n",
                    rawPerSecond, storePerSecond, samples, POINTS);
            out.printf("RESULT ratio=%.3f samples_per_s=%.0f baseline_samples_per_s=%.0f%n",
                    storePerSecond / rawPerSecond, storePerSecond, rawPerSecond);
        } finally {
            deleteTree(work);
        }
    }

    private static double storeSeconds(Path directory, PointId[] points, int samples, PrintStream out, boolean report) {
        try (Historian historian = Historian.open(directory, HistorianOptions.defaults(), Optional.empty())) {
            long started = System.nanoTime();
            for (int i = 0; i < samples; i++) {
                Sample sample = Sample.good(points[i % POINTS], START.plusMillis(i / POINTS * 1_000L), i);
                while (!historian.writer().offer(sample)) {
                    // Queue full: back off like a collector would, instead of spinning on the writer's core.
                    LockSupport.parkNanos(100_000);
                }
            }
            historian.writer().flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            long rollupStarted = System.nanoTime();
            historian.rollUpNow();
            if (report) {
                out.printf("rollups caught up %.2f s after the last commit; store dropped %d offers (retried)%n",
                        (System.nanoTime() - rollupStarted) / 1e9, historian.status().store().dropped());
            }
            return seconds;
        }
    }

    private static double rawAppenderSeconds(Path file, String[] names, int samples) throws SQLException {
        try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE samples (seq BIGINT NOT NULL, point VARCHAR NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            int batch = HistorianOptions.defaults().batchMaxSamples();
            long started = System.nanoTime();
            for (int first = 0; first < samples; first += batch) {
                statement.execute("BEGIN TRANSACTION");
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                    for (int i = first; i < Math.min(samples, first + batch); i++) {
                        Instant time = START.plusMillis(i / names.length * 1_000L);
                        appender.beginRow().append((long) i + 1).append(names[i % names.length])
                                .append(time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000)
                                .append((double) i).append("GOOD").appendNull().endRow();
                    }
                }
                statement.execute("COMMIT");
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
