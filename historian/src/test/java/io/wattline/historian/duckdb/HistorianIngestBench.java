package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's {@code historian-ingest} figure, until it moves to {@code bench/}: our store's
 * sustained ingest rate (offer until accepted, then flush) against a raw DuckDB appender loop
 * writing the same rows in the same batch size, in the same run. Prints {@code RESULT ratio=...
 * samples_per_s=...}. Tagged {@code benchmark}, which the build excludes by default; run with
 * {@code mvn -q -o -pl historian test -Dtest=HistorianIngestBench -Dsurefire.excludedGroups=none}
 * or its {@code main}. Sample count: system property {@code samples} (default 1 000 000).
 */
@Tag("benchmark")
class HistorianIngestBench {

    private static final int POINTS = 200;
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    public static void main(String[] args) throws Exception {
        new HistorianIngestBench().ingest();
    }

    @Test
    void ingest() throws Exception {
        int samples = Integer.getInteger("samples", 1_000_000);
        PointId[] points = new PointId[POINTS];
        for (int p = 0; p < POINTS; p++) {
            points[p] = new PointId("meter-" + p, "active_power_total");
        }
        Path work = Files.createTempDirectory("historian-ingest");
        try {
            double rawPerSecond = samples / rawAppenderSeconds(work.resolve("raw.duckdb"), points, samples);
            double storePerSecond = samples / storeSeconds(work.resolve("store"), points, samples);
            System.out.printf("raw appender loop: %.0f samples/s; DuckDbStore: %.0f samples/s (%d samples, %d points)%n",
                    rawPerSecond, storePerSecond, samples, POINTS);
            System.out.printf("RESULT ratio=%.3f samples_per_s=%.0f baseline_samples_per_s=%.0f%n",
                    storePerSecond / rawPerSecond, storePerSecond, rawPerSecond);
        } finally {
            deleteTree(work);
        }
    }

    private static double storeSeconds(Path directory, PointId[] points, int samples) {
        try (DuckDbStore store = DuckDbStore.open(directory, HistorianOptions.defaults())) {
            long started = System.nanoTime();
            for (int i = 0; i < samples; i++) {
                Sample sample = Sample.good(points[i % POINTS], START.plusMillis(i / POINTS * 1_000L), i);
                while (!store.offer(sample)) {
                    Thread.onSpinWait();
                }
            }
            store.flush();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static double rawAppenderSeconds(Path file, PointId[] points, int samples) throws SQLException {
        try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE samples (seq BIGINT NOT NULL, point VARCHAR NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            int batch = HistorianOptions.DEFAULT_BATCH_MAX_SAMPLES;
            long started = System.nanoTime();
            for (int first = 0; first < samples; first += batch) {
                statement.execute("BEGIN TRANSACTION");
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                    for (int i = first; i < Math.min(samples, first + batch); i++) {
                        appender.beginRow().append((long) i + 1).append(points[i % POINTS].toString())
                                .append(EpochMicros.of(START.plusMillis(i / POINTS * 1_000L)))
                                .append((double) i).append("GOOD").appendNull().endRow();
                    }
                }
                statement.execute("COMMIT");
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
