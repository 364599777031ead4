package io.wattline.historian.duckdb;

import io.wattline.historian.HistorianException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Brings a store file to the schema this build writes. Each version is a list of statements run in
 * one transaction and recorded in {@code schema_version}; later versions (rollups, forwarder
 * watermark, retention bookkeeping) are appended to {@link #STEPS}, never edited in place.
 */
final class SchemaMigration {

    /** Index i holds the statements that take a store from version i to version i + 1. */
    private static final List<List<String>> STEPS = List.of(
            List.of(
                    // seq: commit order, unique by construction (one writer); the forwarder's watermark.
                    // No index on purpose: appends stay cheap and zone maps on seq/ts_us prune scans.
                    """
                    CREATE TABLE samples (
                        seq     BIGINT  NOT NULL,
                        point   VARCHAR NOT NULL,
                        ts_us   BIGINT  NOT NULL,
                        value   DOUBLE,
                        quality VARCHAR NOT NULL,
                        reason  VARCHAR)""",
                    """
                    CREATE TABLE latest (
                        point   VARCHAR PRIMARY KEY,
                        seq     BIGINT  NOT NULL,
                        ts_us   BIGINT  NOT NULL,
                        value   DOUBLE,
                        quality VARCHAR NOT NULL,
                        reason  VARCHAR)"""),
            List.of(
                    // Rollups of every resolution in one table; res_s is 60, 900 or 3600. Statistics
                    // cover samples with a usable value (GOOD and UNCERTAIN); `samples` counts all,
                    // BAD included. first/last with their times are what counter accounting
                    // interpolates between; mean = sum / count.
                    """
                    CREATE TABLE rollups (
                        res_s       INTEGER NOT NULL,
                        point       VARCHAR NOT NULL,
                        bucket_us   BIGINT  NOT NULL,
                        samples     BIGINT  NOT NULL,
                        count       BIGINT  NOT NULL,
                        min         DOUBLE,
                        max         DOUBLE,
                        sum         DOUBLE,
                        first_value DOUBLE,
                        first_us    BIGINT,
                        last_value  DOUBLE,
                        last_us     BIGINT,
                        last_seq    BIGINT,
                        PRIMARY KEY (res_s, point, bucket_us))""",
                    // Progress of everything that follows the samples table by seq: 'rollup' and
                    // 'forward:<target>'. Each consumer updates its own row in the same transaction as
                    // its work (rollups) or right after the target confirmed (forwarder). Retention
                    // never deletes above the lowest of them, so max(seq) over samples and this table
                    // is the highest seq ever handed out, even when every raw row has been deleted.
                    """
                    CREATE TABLE watermarks (
                        name VARCHAR PRIMARY KEY,
                        seq  BIGINT NOT NULL)""",
                    "INSERT INTO watermarks VALUES ('rollup', 0)"),
            List.of(
                    // A stable small id per point, kept with the rollups; readers of many rows (the
                    // forwarder) join it instead of fetching the point text of every row, which was
                    // most of their time. Ids are never reused or deleted.
                    """
                    CREATE TABLE points (
                        id    INTEGER PRIMARY KEY,
                        point VARCHAR NOT NULL UNIQUE)""",
                    """
                    INSERT INTO points
                    SELECT row_number() OVER (ORDER BY point), point
                    FROM (SELECT point FROM latest UNION SELECT point FROM samples)"""),
            List.of(
                    // One rollup table per resolution: a read of one resolution no longer scans the
                    // rows of the other two (the 1 min rows alone are about as many as the raw
                    // samples), and the rows of each table are appended in time order by the rollup
                    // steps, so DuckDB's zone maps on bucket_us prune a time window. Existing rows
                    // are copied in that order.
                    rollupTable("rollups_1m"),
                    rollupTable("rollups_15m"),
                    rollupTable("rollups_1h"),
                    copyRollups("rollups_1m", 60),
                    copyRollups("rollups_15m", 900),
                    copyRollups("rollups_1h", 3600),
                    "DROP TABLE rollups"),
            // The rollup tables without a primary-key index: inserting new buckets into it and its commits
            // were most of an import's time (issue 14's import-readings benchmark: 70 % of the fold), and
            // DuckDB keeps it in memory, so an import's peak memory grew with the store. Each key stays
            // unique because one folder at a time (the historian's maintenance lock) merges existing
            // buckets and appends only the missing ones (RollupUpdater). Rows keep their time order.
            java.util.stream.Stream.of("rollups_1m", "rollups_15m", "rollups_1h").flatMap(t -> unkeyed(t).stream())
                    .toList());

    static final int CURRENT_VERSION = STEPS.size();

    private SchemaMigration() {
    }

    private static String rollupTable(String name) {
        return """
                CREATE TABLE %s (
                    point       VARCHAR NOT NULL,
                    bucket_us   BIGINT  NOT NULL,
                    samples     BIGINT  NOT NULL,
                    count       BIGINT  NOT NULL,
                    min         DOUBLE,
                    max         DOUBLE,
                    sum         DOUBLE,
                    first_value DOUBLE,
                    first_us    BIGINT,
                    last_value  DOUBLE,
                    last_us     BIGINT,
                    last_seq    BIGINT,
                    PRIMARY KEY (point, bucket_us))""".formatted(name);
    }

    private static List<String> unkeyed(String table) {
        return List.of(
                "CREATE TABLE %1$s_unkeyed AS SELECT * FROM %1$s ORDER BY bucket_us, point".formatted(table),
                "DROP TABLE %s".formatted(table),
                "ALTER TABLE %1$s_unkeyed RENAME TO %1$s".formatted(table),
                "ALTER TABLE %s ALTER COLUMN point SET NOT NULL".formatted(table),
                "ALTER TABLE %s ALTER COLUMN bucket_us SET NOT NULL".formatted(table),
                "ALTER TABLE %s ALTER COLUMN samples SET NOT NULL".formatted(table),
                "ALTER TABLE %s ALTER COLUMN count SET NOT NULL".formatted(table));
    }

    private static String copyRollups(String table, int resolutionSeconds) {
        return """
                INSERT INTO %s
                SELECT point, bucket_us, samples, count, min, max, sum, first_value, first_us, last_value, last_us, last_seq
                FROM rollups WHERE res_s = %d ORDER BY bucket_us, point""".formatted(table, resolutionSeconds);
    }

    /** Creates or upgrades the schema; refuses a file written by a newer build. */
    static void migrate(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version       INTEGER NOT NULL,
                        applied_at_us BIGINT  NOT NULL)""");
            int version = currentVersion(statement);
            if (version > CURRENT_VERSION) {
                throw new HistorianException(file + " has historian schema version " + version
                        + " but this Wattline build supports up to version " + CURRENT_VERSION
                        + "; it was written by a newer Wattline, run that one or a copy of the data directory");
            }
            for (int v = version; v < CURRENT_VERSION; v++) {
                statement.execute("BEGIN TRANSACTION");
                try {
                    for (String sql : STEPS.get(v)) {
                        statement.execute(sql);
                    }
                    statement.execute("INSERT INTO schema_version VALUES (" + (v + 1) + ", "
                            + EpochMicros.of(Instant.now()) + ")");
                    statement.execute("COMMIT");
                } catch (SQLException e) {
                    rollbackAfter(connection, e);
                    throw new SQLException("migrating " + file + " to historian schema version " + (v + 1)
                            + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // Through a fresh statement: the driver closes a statement whose execution failed.
    private static void rollbackAfter(Connection connection, SQLException cause) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
