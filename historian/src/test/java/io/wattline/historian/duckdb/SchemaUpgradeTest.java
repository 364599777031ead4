package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.core.PointId;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.StoredSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written before rollups (schema version 1) is upgraded in place and its history rolled up. */
class SchemaUpgradeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path data;

    @Test
    void versionOneStoreGetsRollupsPointIdsAndKeepsItsSequence() throws Exception {
        Files.createDirectories(data);
        try (Connection v1 = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement sql = v1.createStatement()) {
            // the version 1 schema exactly as the walking skeleton created it
            sql.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at_us BIGINT NOT NULL)");
            sql.execute("CREATE TABLE samples (seq BIGINT NOT NULL, point VARCHAR NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            sql.execute("CREATE TABLE latest (point VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            sql.execute("INSERT INTO schema_version VALUES (1, 0)");
            long t0 = EpochMicros.of(T0);
            // 120 samples of one point, one per 30 s (an hour), values 0..119
            sql.execute("INSERT INTO samples SELECT i + 1, 'mdb-main.active_power_total', " + t0 + " + i * 30000000,"
                    + " i, 'GOOD', NULL FROM range(120) t(i)");
            sql.execute("INSERT INTO latest VALUES ('mdb-main.active_power_total', 120, " + (t0 + 119 * 30_000_000L)
                    + ", 119, 'GOOD', NULL)");
        }
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            assertEquals(120, historian.store().lastSeq());
            assertEquals(120, historian.rollUpNow(), "the old history is rolled up");
            List<Bucket> hour = historian.reader().series(PointId.parse("mdb-main.active_power_total"), T0,
                    T0.plusSeconds(3_600), 1);
            assertEquals(1, hour.size());
            assertEquals(120, hour.get(0).count());
            assertEquals(59.5, hour.get(0).mean(), 1e-9);
            List<StoredSample> read = historian.store().after(100, 50);
            assertEquals(20, read.size());
            assertEquals(PointId.parse("mdb-main.active_power_total"), read.get(0).sample().point(), "via the points table");
            assertEquals(119.0, historian.reader().latest(PointId.parse("mdb-main.active_power_total")).orElseThrow().value());
        }
    }
}
