package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.core.PointId;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
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

    @Test
    void versionThreeRollupsMoveToOneTablePerResolution() throws Exception {
        Files.createDirectories(data);
        long t0 = EpochMicros.of(T0);
        try (Connection v3 = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement sql = v3.createStatement()) {
            // the version 3 schema: every resolution in one rollups table
            sql.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at_us BIGINT NOT NULL)");
            sql.execute("CREATE TABLE samples (seq BIGINT NOT NULL, point VARCHAR NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            sql.execute("CREATE TABLE latest (point VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, ts_us BIGINT NOT NULL,"
                    + " value DOUBLE, quality VARCHAR NOT NULL, reason VARCHAR)");
            sql.execute("CREATE TABLE rollups (res_s INTEGER NOT NULL, point VARCHAR NOT NULL, bucket_us BIGINT NOT NULL,"
                    + " samples BIGINT NOT NULL, count BIGINT NOT NULL, min DOUBLE, max DOUBLE, sum DOUBLE,"
                    + " first_value DOUBLE, first_us BIGINT, last_value DOUBLE, last_us BIGINT, last_seq BIGINT,"
                    + " PRIMARY KEY (res_s, point, bucket_us))");
            sql.execute("CREATE TABLE watermarks (name VARCHAR PRIMARY KEY, seq BIGINT NOT NULL)");
            sql.execute("CREATE TABLE points (id INTEGER PRIMARY KEY, point VARCHAR NOT NULL UNIQUE)");
            sql.execute("INSERT INTO schema_version VALUES (1, 0), (2, 0), (3, 0)");
            // two samples (values 10 and 20, 30 s apart) rolled up at every resolution, raw already deleted
            sql.execute("INSERT INTO watermarks VALUES ('rollup', 2)");
            sql.execute("INSERT INTO points VALUES (1, 'm.e')");
            sql.execute("INSERT INTO latest VALUES ('m.e', 2, " + (t0 + 30_000_000L) + ", 20, 'GOOD', NULL)");
            for (int res : new int[] {60, 900, 3600}) {
                sql.execute("INSERT INTO rollups VALUES (" + res + ", 'm.e', " + t0 + ", 2, 2, 10, 20, 30, 10, " + t0
                        + ", 20, " + (t0 + 30_000_000L) + ", 2)");
            }
        }
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            PointId point = PointId.parse("m.e");
            for (Resolution r : Resolution.ROLLUPS_COARSEST_FIRST) {
                List<Bucket> buckets = historian.reader().series(List.of(point), T0, T0.plus(r.bucket()), r).get(point);
                assertEquals(1, buckets.size(), "at " + r);
                assertEquals(15.0, buckets.get(0).mean(), 1e-12);
                assertEquals(20.0, buckets.get(0).last());
            }
            // new samples merge into the moved buckets
            historian.writer().offer(io.wattline.core.Sample.good(point, T0.plusSeconds(40), 40.0));
            historian.writer().flush();
            assertEquals(3, historian.rollUpNow());
            Bucket minute = historian.reader().series(point, T0, T0.plusSeconds(60), 1).get(0);
            assertEquals(3, minute.count());
            assertEquals(40.0, minute.last());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement sql = c.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'rollups'")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "the old table is dropped");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement sql = c.createStatement()) {
            for (String table : List.of("rollups_1m", "rollups_15m", "rollups_1h")) {
                // schema 5: no primary-key index (issue 14), the single folder keeps one row per bucket
                try (var rows = sql.executeQuery("SELECT count(*) FROM duckdb_constraints() WHERE table_name = '"
                        + table + "' AND constraint_type = 'PRIMARY KEY'")) {
                    rows.next();
                    assertEquals(0, rows.getInt(1), table + " has no primary key");
                }
                try (var rows = sql.executeQuery("SELECT count(*), count(DISTINCT (point, bucket_us)), sum(count) FROM "
                        + table)) {
                    rows.next();
                    assertEquals(1, rows.getLong(1), table + ": the merged bucket is one row");
                    assertEquals(1, rows.getLong(2), table);
                    assertEquals(3, rows.getLong(3), table + ": its three samples");
                }
            }
        }
    }
}
