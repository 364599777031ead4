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
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "readings")) {
                    for (Sample s : readings) {
                        appender.beginRow().append(s.point().toString()).append(EpochMicros.of(s.time()))
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

    /**
     * Corrects raw sample, record and rollups for each replacement in one transaction; the caller
     * has rolled up everything committed (so the rollups hold every raw row) and holds off maintenance.
     *
     * @return buckets recomputed from raw or corrected in place
     */
    static int replace(Connection connection, Collection<Replacement> replacements, String source, long nowUs)
            throws SQLException {
        int buckets = 0;
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                for (Replacement r : replacements) {
                    String point = r.reading().point().toString();
                    long us = EpochMicros.of(r.reading().time());
                    double value = r.reading().value();
                    update(connection, "UPDATE samples SET value = ? WHERE point = ? AND ts_us = ? AND quality = 'GOOD'",
                            value, point, us);
                    try (PreparedStatement change = connection.prepareStatement("""
                            UPDATE readings SET value = ?, source = ?, recorded_at_us = ?, replaced_value = ?
                            WHERE point = ? AND ts_us = ?""")) {
                        change.setDouble(1, value);
                        change.setString(2, source);
                        change.setLong(3, nowUs);
                        change.setDouble(4, r.previous());
                        change.setString(5, point);
                        change.setLong(6, us);
                        if (change.executeUpdate() == 0) {
                            try (PreparedStatement insert = connection.prepareStatement(
                                    "INSERT INTO readings (point, ts_us, value, source, recorded_at_us, replaced_value)"
                                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                                insert.setString(1, point);
                                insert.setLong(2, us);
                                insert.setDouble(3, value);
                                insert.setString(4, source);
                                insert.setLong(5, nowUs);
                                insert.setDouble(6, r.previous());
                                insert.executeUpdate();
                            }
                        }
                    }
                    update(connection, "UPDATE latest SET value = ? WHERE point = ? AND ts_us = ? AND quality = 'GOOD'",
                            value, point, us);
                    for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
                        buckets += bucket(connection, resolution, point, us, value, r.previous());
                    }
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

    /**
     * Recomputes the bucket holding {@code us} from raw when raw still has every sample the bucket
     * counted; otherwise (retention removed some) corrects it in place: the sum by the difference,
     * first/last when they are this instant, min/max widened to the new value.
     */
    private static int bucket(Connection connection, Resolution resolution, String point, long us, double value,
            double previous) throws SQLException {
        String table = RollupUpdater.tableOf(resolution);
        long width = resolution.bucket().toSeconds() * 1_000_000L;
        long start = us - Math.floorMod(us, width);
        long counted;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT samples FROM " + table + " WHERE point = ? AND bucket_us = ?")) {
            query.setString(1, point);
            query.setLong(2, start);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return 0;
                }
                counted = rows.getLong(1);
            }
        }
        long raw;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM samples WHERE point = ? AND ts_us >= ? AND ts_us < ?")) {
            query.setString(1, point);
            query.setLong(2, start);
            query.setLong(3, start + width);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                raw = rows.getLong(1);
            }
        }
        String sql = raw == counted ? RECOMPUTE.formatted(table) : CORRECT.formatted(table);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (raw == counted) {
                statement.setString(1, point);
                statement.setLong(2, start);
                statement.setLong(3, start + width);
                statement.setString(4, point);
                statement.setLong(5, start);
            } else {
                statement.setDouble(1, value);
                statement.setDouble(2, previous);
                statement.setLong(3, us);
                statement.setDouble(4, value);
                statement.setLong(5, us);
                statement.setDouble(6, value);
                statement.setDouble(7, value);
                statement.setDouble(8, value);
                statement.setString(9, point);
                statement.setLong(10, start);
            }
            return statement.executeUpdate() > 0 ? 1 : 0;
        }
    }

    private static final String USABLE = "quality <> 'BAD' AND NOT isnan(value)";

    // Every statistic of the bucket again from its raw samples (the same aggregates as RollupUpdater).
    private static final String RECOMPUTE = """
            UPDATE %1$s SET samples = n.samples, count = n.count, min = n.min, max = n.max, sum = n.sum,
                first_value = n.first_value, first_us = n.first_us, last_value = n.last_value, last_us = n.last_us
            FROM (SELECT count(*) AS samples,
                         count(*) FILTER (WHERE %2$s) AS count,
                         min(value) FILTER (WHERE %2$s) AS min,
                         max(value) FILTER (WHERE %2$s) AS max,
                         sum(value) FILTER (WHERE %2$s) AS sum,
                         arg_min(value, (ts_us, seq)) FILTER (WHERE %2$s) AS first_value,
                         min(ts_us) FILTER (WHERE %2$s) AS first_us,
                         arg_max(value, (ts_us, seq)) FILTER (WHERE %2$s) AS last_value,
                         max(ts_us) FILTER (WHERE %2$s) AS last_us
                  FROM samples WHERE point = ? AND ts_us >= ? AND ts_us < ?) n
            WHERE %1$s.point = ? AND %1$s.bucket_us = ?""".replace("%2$s", USABLE);

    private static final String CORRECT = """
            UPDATE %s SET sum = sum + ? - ?,
                first_value = CASE WHEN first_us = ? THEN ? ELSE first_value END,
                last_value = CASE WHEN last_us = ? THEN ? ELSE last_value END,
                min = least(min, ?), max = greatest(max, ?)
            WHERE point = ? AND bucket_us = ?""";

    private static void update(Connection connection, String sql, double value, String point, long us)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, value);
            statement.setString(2, point);
            statement.setLong(3, us);
            statement.executeUpdate();
        }
    }

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
