package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fold step's statistics per bucket (1 minute aggregated from the samples, 15 minutes folded from the
 * 1-minute ones, 1 hour from the 15-minute ones) against the same samples aggregated straight into each
 * resolution, as the fold did before (issue 14): every column of every bucket, for random samples with
 * equal-time ties, BAD and UNCERTAIN ones, buckets without a usable value, several points and times
 * before 1970 (negative microseconds), over the whole store and over a range of seqs.
 */
@Timeout(120)
class RollupStatisticsTest {

    private static final String USABLE = "quality <> 'BAD' AND NOT isnan(value)";

    // The aggregation the fold ran for each resolution before: straight from the samples.
    private static final String DIRECT = """
            SELECT point,
                   ts_us - (((ts_us %% %1$d) + %1$d) %% %1$d) AS bucket_us,
                   count(*) AS samples,
                   count(*) FILTER (WHERE %2$s) AS count,
                   min(value) FILTER (WHERE %2$s) AS min,
                   max(value) FILTER (WHERE %2$s) AS max,
                   sum(value) FILTER (WHERE %2$s) AS sum,
                   arg_min(value, (ts_us, seq)) FILTER (WHERE %2$s) AS first_value,
                   min(ts_us) FILTER (WHERE %2$s) AS first_us,
                   arg_max(value, (ts_us, seq)) FILTER (WHERE %2$s) AS last_value,
                   max(ts_us) FILTER (WHERE %2$s) AS last_us,
                   max(seq) FILTER (WHERE %2$s) AS last_seq
            FROM samples WHERE seq > %3$d AND seq <= %4$d
            GROUP BY ALL""";

    @TempDir
    Path data;

    @Test
    void foldedFromFinerBucketsEqualsAggregatedFromSamples() throws Exception {
        long written = writeRandomSamples();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME))) {
            assertSame(connection, 0, written);
            assertSame(connection, written / 3, 2 * written / 3);
        }
    }

    private void assertSame(Connection connection, long from, long upTo) throws SQLException {
        RollupUpdater.statistics(connection, from, upTo);
        for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
            long width = resolution.bucket().toSeconds() * 1_000_000L;
            String direct = DIRECT.formatted(width, USABLE, from, upTo);
            try (Statement statement = connection.createStatement()) {
                long buckets = count(statement, "SELECT count(*) FROM (" + direct + ")");
                assertEquals(buckets, count(statement, "SELECT count(*) FROM " + RollupUpdater.foldOf(resolution)),
                        resolution + ": as many buckets");
                assertTrue(buckets > (switch (resolution) { case ONE_HOUR -> 10; case FIFTEEN_MINUTES -> 20; default -> 100; }), resolution + ": " + buckets);
                // every column, exactly; the sum to its rounding (added up in another order)
                String differing = """
                        SELECT count(*) FROM (%s) d FULL OUTER JOIN %s f ON d.point = f.point AND d.bucket_us = f.bucket_us
                        WHERE d.point IS NULL OR f.point IS NULL
                           OR d.samples IS DISTINCT FROM f.samples OR d.count IS DISTINCT FROM f.count
                           OR d.min IS DISTINCT FROM f.min OR d.max IS DISTINCT FROM f.max
                           OR (d.sum IS NULL) <> (f.sum IS NULL) OR abs(d.sum - f.sum) > 1e-9 * greatest(1, abs(d.sum))
                           OR d.first_value IS DISTINCT FROM f.first_value OR d.first_us IS DISTINCT FROM f.first_us
                           OR d.last_value IS DISTINCT FROM f.last_value OR d.last_us IS DISTINCT FROM f.last_us
                           OR d.last_seq IS DISTINCT FROM f.last_seq""".formatted(direct,
                        RollupUpdater.foldOf(resolution));
                assertEquals(0, count(statement, differing), resolution + " buckets differing, seqs (" + from + ", "
                        + upTo + "]");
                // the cases that matter are there: buckets without a usable value, ties in time
                if (resolution == Resolution.ONE_MINUTE) {
                    assertTrue(count(statement, "SELECT count(*) FROM (" + direct + ") WHERE count = 0") > 0);
                }
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Three points over six hours around 1970 and two around 2026, dense enough for many samples per minute. */
    private long writeRandomSamples() {
        Random random = new Random(14);
        List<Sample> samples = new ArrayList<>();
        PointId[] points = {new PointId("m1", "active_energy_import"), new PointId("m2", "active_energy_import"),
            new PointId("m3", "active_power")};
        Instant[] starts = {Instant.parse("1969-12-31T21:00:00Z"), Instant.parse("2026-03-02T05:00:00Z")};
        for (Instant start : starts) {
            for (PointId point : points) {
                double level = 1000 * random.nextDouble();
                for (int i = 0; i < 1500; i++) {
                    // whole seconds mostly (ties in time), sometimes a microsecond part
                    long us = random.nextLong(6 * 3_600) * 1_000_000L + (random.nextInt(4) == 0 ? random.nextInt(1_000_000) : 0);
                    Instant time = start.plusNanos(us * 1_000);
                    level += random.nextDouble() * 3;
                    int kind = random.nextInt(10);
                    samples.add(kind == 0 ? Sample.bad(point, time, "timeout")
                            : kind == 1 ? new Sample(point, time, level, Quality.UNCERTAIN, "stale")
                            : Sample.good(point, time, Math.round(level * 8) / 8.0));
                }
            }
        }
        // a minute with BAD samples only, and one with an equal-time tie of different values
        PointId m1 = points[0];
        Instant lonely = Instant.parse("2026-03-02T12:07:00Z");
        samples.add(Sample.bad(m1, lonely, "timeout"));
        samples.add(Sample.bad(m1, lonely.plusSeconds(20), "timeout"));
        Instant tie = Instant.parse("2026-03-02T12:20:30Z");
        samples.add(Sample.good(m1, tie, 5.0));
        samples.add(Sample.good(m1, tie, 6.0));
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            for (Sample s : samples) {
                while (!historian.writer().offer(s)) {
                    historian.writer().flush();
                }
            }
            historian.writer().flush();
            assertEquals(samples.size(), historian.store().stats().committed());
        }
        return samples.size();
    }
}
