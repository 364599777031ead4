package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Commits one batch of samples in one transaction: raw rows through DuckDB's appender, then the
 * per-point latest rows upserted. Used by the writer thread only.
 */
final class BatchCommitter implements AutoCloseable {

    // Upserts the newest row of each point among the batch just appended. A sample replaces the
    // stored latest one unless it is older; with equal times the later commit (higher seq) wins,
    // which matches SeriesReader.range's tie order. One row per point, since DuckDB refuses an
    // upsert that touches the same key twice in one command.
    private static final String UPSERT_LATEST = """
            INSERT INTO latest (point, seq, ts_us, value, quality, reason)
            SELECT point, seq, ts_us, value, quality, reason FROM samples
            WHERE seq BETWEEN ? AND ?
            QUALIFY row_number() OVER (PARTITION BY point ORDER BY ts_us DESC, seq DESC) = 1
            ON CONFLICT (point) DO UPDATE SET
                seq = excluded.seq, ts_us = excluded.ts_us, value = excluded.value,
                quality = excluded.quality, reason = excluded.reason
            WHERE excluded.ts_us >= latest.ts_us""";

    private final DuckDBConnection connection;
    // The driver closes a statement whose execution failed, so both are recreated after a failure.
    private Statement control;
    private PreparedStatement upsertLatest;

    BatchCommitter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        openStatements();
    }

    /**
     * Appends {@code batch} with sequence numbers {@code firstSeq, firstSeq + 1, ...} and updates
     * the latest table, all or nothing. After a failure the transaction is rolled back and the
     * committer is ready for another attempt.
     *
     * @return the newest sample of each point in the batch (what the latest table may now hold)
     */
    Map<PointId, Sample> commit(List<Sample> batch, long firstSeq) throws SQLException {
        if (control == null) {
            openStatements();
        }
        // The connection stays in auto-commit mode with an explicit BEGIN: with JDBC autoCommit off,
        // the driver opens the transaction only at the next statement, so appender rows flushed
        // before one would commit on their own.
        control.execute("BEGIN TRANSACTION");
        try {
            Map<PointId, Sample> newest = new LinkedHashMap<>();
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                long seq = firstSeq;
                for (Sample sample : batch) {
                    appendRow(appender, seq, sample);
                    Sample previous = newest.get(sample.point());
                    if (previous == null || !sample.time().isBefore(previous.time())) {
                        newest.put(sample.point(), sample);
                    }
                    seq++;
                }
            }
            // Not executeBatch(): in auto-commit mode the driver wraps a batch in its own BEGIN,
            // which fails inside ours.
            upsertLatest.setLong(1, firstSeq);
            upsertLatest.setLong(2, firstSeq + batch.size() - 1);
            upsertLatest.executeUpdate();
            control.execute("COMMIT");
            return newest;
        } catch (SQLException | RuntimeException e) {
            SQLException cause = e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            rollbackAndReset(cause);
            throw cause;
        }
    }

    private static void appendRow(DuckDBAppender appender, long seq, Sample sample) throws SQLException {
        appender.beginRow()
                .append(seq)
                .append(sample.point().toString())
                .append(EpochMicros.of(sample.time()))
                .append(sample.value())
                .append(sample.quality().name());
        if (sample.reason().isEmpty()) {
            appender.appendNull();
        } else {
            appender.append(sample.reason());
        }
        appender.endRow();
    }

    private void openStatements() throws SQLException {
        control = connection.createStatement();
        upsertLatest = connection.prepareStatement(UPSERT_LATEST);
    }

    /** Rolls back through a fresh statement and drops the old ones; problems are added to {@code cause}. */
    private void rollbackAndReset(SQLException cause) {
        try {
            close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
        control = null;
        upsertLatest = null;
        try (Statement rollback = connection.createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Writes the WAL into the database file, so a reopen does not have to replay it. */
    void checkpoint() throws SQLException {
        try (Statement checkpoint = connection.createStatement()) {
            checkpoint.execute("CHECKPOINT");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement c = control; PreparedStatement u = upsertLatest) {
            // closes both, even if one fails
        }
    }
}
