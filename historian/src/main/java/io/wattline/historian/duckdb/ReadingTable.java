package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.ReadingLedger.Exclusion;
import io.wattline.historian.ReadingLedger.Key;
import io.wattline.historian.ReadingLedger.LookUp;
import io.wattline.historian.ReadingLedger.Replacement;
import io.wattline.historian.ReadingLedger.Stored;
import io.wattline.historian.ReadingLedger.Where;
import io.wattline.historian.Resolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code readings} table: imported and hand-entered readings, one row per (point, ts_us), never
 * deleted by raw retention. One row per key is kept by the callers (a key is recorded only when the
 * look-up did not find it), not by an index: a primary key made recording 2-3 times slower than
 * appending the same rows to {@code samples}, and DuckDB's zone maps on {@code ts_us} prune the look-ups; plus the identity look-up across it, the raw samples and the 1-minute
 * rollups, and the audited replacement that corrects raw, record and rollups together. Created when
 * missing (it sits beside the versioned schema and changes none of its tables).
 */
final class ReadingTable {

    static final String CREATE = """
            CREATE TABLE IF NOT EXISTS readings (
                point          VARCHAR NOT NULL,
                ts_us          BIGINT  NOT NULL,
                value          DOUBLE  NOT NULL,
                source         VARCHAR NOT NULL,
                recorded_at_us BIGINT  NOT NULL,
                replaced_value DOUBLE,
                excluded_reason VARCHAR)""";

    // Stores written before readings could be marked excluded (issue 14) get the column.
    private static final String ADD_EXCLUDED = "ALTER TABLE readings ADD COLUMN IF NOT EXISTS excluded_reason VARCHAR";

    // Keys of one look-up or one record call: a temporary table per connection, appended in bulk.
    private static final String SCRATCH = """
            CREATE OR REPLACE TEMP TABLE reading_keys (i INTEGER, point VARCHAR, ts_us BIGINT, value DOUBLE)""";

    private static final long MINUTE_US = 60_000_000L;

    private ReadingTable() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            statement.execute(ADD_EXCLUDED);
        }
    }

    /**
     * See {@link io.wattline.historian.ReadingLedger#lookUp}: first which of the keys' points the record, the raw
     * samples (any quality) or the 1-minute rollups hold anything of between the keys' earliest and latest instant
     * (three range scans that DuckDB's zone maps keep to the row groups of that span, a few rows out); only the keys
     * of those points are then joined against the three tables. A time-ordered import into a period the store does
     * not hold yet (a back-fill, issue 14's benchmark) finds no such point and joins nothing.
     */
    static LookUp lookUp(DuckDBConnection connection, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return new LookUp(Map.of(), Set.of());
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (Key key : keys) {
            long us = EpochMicros.of(key.time());
            low = Math.min(low, us);
            high = Math.max(high, us);
        }
        Set<PointId> touched = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(TOUCHED)) {
            query.setLong(1, low);
            query.setLong(2, high);
            query.setLong(3, low);
            query.setLong(4, high);
            query.setLong(5, low - Math.floorMod(low, MINUTE_US));
            query.setLong(6, high);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    touched.add(PointId.parse(rows.getString(1)));
                }
            }
        }
        List<Key> candidates = new ArrayList<>();
        for (Key key : keys) {
            if (touched.contains(key.point())) {
                candidates.add(key);
            }
        }
        return new LookUp(stored(connection, candidates), Collections.unmodifiableSet(touched));
    }

    // The points that the record, raw (any quality) or the 1-minute rollups hold anything of in a span.
    private static final String TOUCHED = """
            SELECT point FROM readings WHERE ts_us BETWEEN ? AND ?
            UNION SELECT point FROM samples WHERE ts_us BETWEEN ? AND ?
            UNION SELECT point FROM rollups_1m WHERE bucket_us BETWEEN ? AND ?""";

    /** What the store holds at each of {@code keys}: the anti-join of {@link #lookUp} without its pre-check. */
    static Map<Key, Stored> stored(DuckDBConnection connection, List<Key> keys) throws SQLException {
        Map<Key, Stored> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        try (Statement statement = connection.createStatement()) {
            statement.execute(SCRATCH);
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", "reading_keys")) {
            for (int i = 0; i < keys.size(); i++) {
                long us = EpochMicros.of(keys.get(i).time());
                low = Math.min(low, us);
                high = Math.max(high, us);
                appender.beginRow().append(i).append(keys.get(i).point().toString()).append(us).append(0.0).endRow();
            }
        }
        // the time bounds let DuckDB's zone maps skip row groups of the big tables
        String[] queries = {
            "SELECT k.i, r.value FROM reading_keys k JOIN readings r ON r.point = k.point AND r.ts_us = k.ts_us"
                + " WHERE r.ts_us BETWEEN ? AND ?",
            "SELECT k.i, s.value FROM reading_keys k JOIN samples s ON s.point = k.point AND s.ts_us = k.ts_us"
                + " WHERE s.ts_us BETWEEN ? AND ? AND s.quality = 'GOOD' ORDER BY s.seq",
            "SELECT k.i, CASE WHEN u.last_us = k.ts_us THEN u.last_value ELSE u.first_value END"
                + " FROM reading_keys k JOIN rollups_1m u ON u.point = k.point"
                + " AND u.bucket_us = k.ts_us - (((k.ts_us % " + MINUTE_US + ") + " + MINUTE_US + ") % " + MINUTE_US + ")"
                + " WHERE u.bucket_us BETWEEN ? AND ? AND (u.first_us = k.ts_us OR u.last_us = k.ts_us)"};
        Where[] wheres = {Where.RECORD, Where.RAW, Where.ROLLUP};
        for (int q = 0; q < queries.length; q++) {
            try (PreparedStatement query = connection.prepareStatement(queries[q])) {
                query.setLong(1, q == 2 ? low - Math.floorMod(low, MINUTE_US) : low);
                query.setLong(2, high);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.putIfAbsent(keys.get(rows.getInt(1)), new Stored(rows.getDouble(2), wheres[q]));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Appends {@code readings} to the record in one transaction. The caller passes keys the record
     * does not hold yet (what {@link #stored} did not find there), each once.
     */
    static void record(DuckDBConnection connection, Collection<Sample> readings, String source, long nowUs)
            throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                // PointId.toString() concatenates on every call; an import's batch names a few thousand points
                Map<PointId, String> names = new HashMap<>();
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "readings")) {
                    for (Sample s : readings) {
                        appender.beginRow().append(names.computeIfAbsent(s.point(), PointId::toString))
                                .append(EpochMicros.of(s.time()))
                                .append(s.value()).append(source).append(nowUs).appendNull().appendNull().endRow();
                    }
                }
                control.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM readings")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // The replacements of one call: a temporary table per connection, appended in bulk.
    private static final String REPLACING = """
            CREATE OR REPLACE TEMP TABLE replacing (point VARCHAR, ts_us BIGINT, value DOUBLE, previous DOUBLE)""";

    /**
     * Corrects raw sample, record, latest value and rollups for every replacement in one transaction,
     * set by set (a statement per table and resolution, not per reading: a month of corrected readings
     * is one call); the caller has rolled up everything committed (so the rollups hold every raw row)
     * and holds off maintenance. A bucket whose raw samples are all still there is recomputed from them;
     * one that retention thinned is corrected in place: its sum by every difference, first and last
     * where they are replaced, min and max widened to the new values. Of two replacements of one
     * instant in a call, the later counts.
     *
     * @return rollup buckets recomputed from raw or corrected in place
     */
    static int replace(DuckDBConnection connection, Collection<Replacement> replacements, String source, long nowUs)
            throws SQLException {
        Map<Key, Replacement> unique = new LinkedHashMap<>();
        for (Replacement r : replacements) {
            unique.put(Key.of(r.reading()), r);
        }
        if (unique.isEmpty()) {
            return 0;
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        try (Statement statement = connection.createStatement()) {
            statement.execute(REPLACING);
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", "replacing")) {
            for (Replacement r : unique.values()) {
                long us = EpochMicros.of(r.reading().time());
                low = Math.min(low, us);
                high = Math.max(high, us);
                appender.beginRow().append(r.reading().point().toString()).append(us).append(r.reading().value())
                        .append(r.previous()).endRow();
            }
        }
        int buckets = 0;
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                // the time bounds let DuckDB's zone maps skip row groups of the big tables
                execute(connection, """
                        UPDATE samples SET value = r.value FROM replacing r
                        WHERE samples.point = r.point AND samples.ts_us = r.ts_us AND samples.quality = 'GOOD'
                          AND samples.ts_us BETWEEN ? AND ?""", low, high);
                try (PreparedStatement change = connection.prepareStatement("""
                        UPDATE readings SET value = r.value, source = ?, recorded_at_us = ?, replaced_value = r.previous
                        FROM replacing r WHERE readings.point = r.point AND readings.ts_us = r.ts_us
                          AND readings.ts_us BETWEEN ? AND ?""")) {
                    change.setString(1, source);
                    change.setLong(2, nowUs);
                    change.setLong(3, low);
                    change.setLong(4, high);
                    change.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO readings (point, ts_us, value, source, recorded_at_us, replaced_value)
                        SELECT r.point, r.ts_us, r.value, ?, ?, r.previous FROM replacing r
                        WHERE NOT EXISTS (SELECT 1 FROM readings x WHERE x.point = r.point AND x.ts_us = r.ts_us
                                          AND x.ts_us BETWEEN ? AND ?)""")) {
                    insert.setString(1, source);
                    insert.setLong(2, nowUs);
                    insert.setLong(3, low);
                    insert.setLong(4, high);
                    insert.executeUpdate();
                }
                execute(connection, """
                        UPDATE latest SET value = r.value FROM replacing r
                        WHERE latest.point = r.point AND latest.ts_us = r.ts_us AND latest.quality = 'GOOD'
                          AND latest.ts_us BETWEEN ? AND ?""", low, high);
                for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
                    buckets += buckets(connection, resolution, low, high);
                }
                control.execute("COMMIT");
                return buckets;
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * The buckets of one resolution holding a replaced instant: recomputed from raw where raw holds every
     * sample the bucket counted (after the raw samples were corrected), else corrected in place; returns how many.
     */
    private static int buckets(Connection connection, Resolution resolution, long low, long high) throws SQLException {
        String table = RollupUpdater.tableOf(resolution);
        long width = resolution.bucket().toSeconds() * 1_000_000L;
        long from = low - Math.floorMod(low, width);
        long to = high - Math.floorMod(high, width) + width;
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE OR REPLACE TEMP TABLE replaced_buckets AS
                    SELECT k.point, k.bucket_us, b.samples = coalesce(n.raw, 0) AS complete
                    FROM (SELECT DISTINCT point, %2$s AS bucket_us FROM replacing) k
                    JOIN %1$s b ON b.point = k.point AND b.bucket_us = k.bucket_us AND b.bucket_us BETWEEN %4$d AND %5$d
                    LEFT JOIN (SELECT point, %3$s AS bucket_us, count(*) AS raw FROM samples
                               WHERE ts_us >= %4$d AND ts_us < %5$d AND point IN (SELECT point FROM replacing)
                               GROUP BY ALL) n ON n.point = k.point AND n.bucket_us = k.bucket_us"""
                    .formatted(table, bucketOf("ts_us", width), bucketOf("ts_us", width), from, to));
            // complete: every statistic again from the (corrected) raw samples, as RollupUpdater folds them
            int changed = statement.executeUpdate("""
                    UPDATE %1$s SET samples = n.samples, count = n.count, min = n.min, max = n.max, sum = n.sum,
                        first_value = n.first_value, first_us = n.first_us, last_value = n.last_value, last_us = n.last_us
                    FROM (SELECT s.point, c.bucket_us, %5$s
                          FROM samples s JOIN replaced_buckets c ON c.complete AND c.point = s.point
                            AND c.bucket_us = %2$s
                          WHERE s.ts_us >= %3$d AND s.ts_us < %4$d
                          GROUP BY s.point, c.bucket_us) n
                    WHERE %1$s.point = n.point AND %1$s.bucket_us = n.bucket_us
                      AND %1$s.bucket_us BETWEEN %3$d AND %4$d"""
                    .formatted(table, bucketOf("s.ts_us", width), from, to, RollupUpdater.STATISTICS));
            // thinned by retention: corrected in place by every replacement in the bucket
            changed += statement.executeUpdate("""
                    UPDATE %1$s SET sum = %1$s.sum + d.delta,
                        first_value = coalesce(d.first_value, %1$s.first_value),
                        last_value = coalesce(d.last_value, %1$s.last_value),
                        min = least(%1$s.min, d.low), max = greatest(%1$s.max, d.high)
                    FROM (SELECT b.point, b.bucket_us, sum(r.value - r.previous) AS delta, min(r.value) AS low,
                                 max(r.value) AS high,
                                 any_value(r.value) FILTER (WHERE r.ts_us = u.first_us) AS first_value,
                                 any_value(r.value) FILTER (WHERE r.ts_us = u.last_us) AS last_value
                          FROM replaced_buckets b
                          JOIN replacing r ON r.point = b.point AND %2$s = b.bucket_us
                          JOIN %1$s u ON u.point = b.point AND u.bucket_us = b.bucket_us
                            AND u.bucket_us BETWEEN %3$d AND %4$d
                          WHERE NOT b.complete
                          GROUP BY b.point, b.bucket_us) d
                    WHERE %1$s.point = d.point AND %1$s.bucket_us = d.bucket_us
                      AND %1$s.bucket_us BETWEEN %3$d AND %4$d""".formatted(table, bucketOf("r.ts_us", width), from, to));
            return changed;
        }
    }

    /** The start of the bucket of {@code width} microseconds holding {@code column} (floor, also before 1970). */
    private static String bucketOf(String column, long width) {
        return "(%1$s - (((%1$s %% %2$d) + %2$d) %% %2$d))".formatted(column, width);
    }

    private static void execute(Connection connection, String sql, long low, long high) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, low);
            statement.setLong(2, high);
            statement.executeUpdate();
        }
    }

    /**
     * Marks the stored samples at each exclusion's key BAD with its reason, keeping the value as
     * evidence (raw sample, latest value, readings record), and refolds every rollup bucket holding
     * one from raw, all in one transaction; the caller has rolled up everything committed and holds
     * off maintenance. Samples already BAD are left as they are.
     *
     * @return samples marked
     */
    static int markBad(Connection connection, Collection<Exclusion> exclusions) throws SQLException {
        int marked = 0;
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                for (Exclusion e : exclusions) {
                    String point = e.key().point().toString();
                    long us = EpochMicros.of(e.key().time());
                    int n = update(connection, "UPDATE samples SET quality = 'BAD', reason = ?"
                            + " WHERE point = ? AND ts_us = ? AND quality <> 'BAD'", e.reason(), point, us);
                    update(connection, "UPDATE readings SET excluded_reason = ? WHERE point = ? AND ts_us = ?",
                            e.reason(), point, us);
                    update(connection, "UPDATE latest SET quality = 'BAD', reason = ?"
                            + " WHERE point = ? AND ts_us = ? AND quality <> 'BAD'", e.reason(), point, us);
                    if (n > 0) {
                        marked += n;
                        for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
                            refold(connection, resolution, point, us);
                        }
                    }
                }
                control.execute("COMMIT");
                return marked;
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * Recomputes the bucket holding {@code us} from raw when raw still holds every sample it counted
     * (an exclusion is judged right after the samples came in, long before retention); otherwise
     * takes the BAD sample out of the count and the sum and leaves first/last/min/max, which only
     * the removed samples could correct.
     */
    private static void refold(Connection connection, Resolution resolution, String point, long us)
            throws SQLException {
        String table = RollupUpdater.tableOf(resolution);
        long width = resolution.bucket().toSeconds() * 1_000_000L;
        long start = us - Math.floorMod(us, width);
        if (rawComplete(connection, table, point, start, width)) {
            try (PreparedStatement statement = connection.prepareStatement(RECOMPUTE.formatted(table))) {
                statement.setString(1, point);
                statement.setLong(2, start);
                statement.setLong(3, start + width);
                statement.setString(4, point);
                statement.setLong(5, start);
                statement.executeUpdate();
            }
        } else {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE %1$s SET count = %1$s.count - 1, sum = %1$s.sum - s.value
                    FROM samples s WHERE s.point = ? AND s.ts_us = ? AND NOT isnan(s.value)
                      AND %1$s.point = ? AND %1$s.bucket_us = ? AND %1$s.count > 0""".formatted(table))) {
                statement.setString(1, point);
                statement.setLong(2, us);
                statement.setString(3, point);
                statement.setLong(4, start);
                statement.executeUpdate();
            }
        }
    }

    /** Whether raw still holds every sample the stored bucket counted. */
    private static boolean rawComplete(Connection connection, String table, String point, long start, long width)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT b.samples = (SELECT count(*) FROM samples"
                + " WHERE point = ? AND ts_us >= ? AND ts_us < ?) FROM " + table + " b WHERE b.point = ? AND b.bucket_us = ?")) {
            query.setString(1, point);
            query.setLong(2, start);
            query.setLong(3, start + width);
            query.setString(4, point);
            query.setLong(5, start);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    // Every statistic of the bucket again from its raw samples (the same aggregates as RollupUpdater).
    private static final String RECOMPUTE = """
            UPDATE %1$s SET samples = n.samples, count = n.count, min = n.min, max = n.max, sum = n.sum,
                first_value = n.first_value, first_us = n.first_us, last_value = n.last_value, last_us = n.last_us
            FROM (SELECT %2$s
                  FROM samples s WHERE s.point = ? AND s.ts_us >= ? AND s.ts_us < ?) n
            WHERE %1$s.point = ? AND %1$s.bucket_us = ?""".replace("%2$s", RollupUpdater.STATISTICS);

    private static int update(Connection connection, String sql, String text, String point, long us)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, text);
            statement.setString(2, point);
            statement.setLong(3, us);
            return statement.executeUpdate();
        }
    }
}
