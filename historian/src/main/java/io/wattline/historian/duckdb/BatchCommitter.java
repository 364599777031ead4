package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Commits one batch of samples in one transaction through DuckDB's appender. The {@code latest}
 * table is brought up to date behind the writer, with the rollups (see {@link RollupUpdater}), so
 * the hot path is the append alone. Used by the writer thread only.
 */
final class BatchCommitter implements AutoCloseable {

    private final DuckDBConnection connection;
    // PointId.toString() concatenates on every call; a plant has a few thousand points at most.
    private final Map<PointId, String> pointNames = new HashMap<>();
    // The driver closes a statement whose execution failed, so it is recreated after a failure.
    private Statement control;

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
            control.execute("COMMIT");
            return newest;
        } catch (SQLException | RuntimeException e) {
            SQLException cause = e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            rollbackAndReset(cause);
            throw cause;
        }
    }

    private void appendRow(DuckDBAppender appender, long seq, Sample sample) throws SQLException {
        appender.beginRow()
                .append(seq)
                .append(pointNames.computeIfAbsent(sample.point(), PointId::toString))
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
    }

    /** Rolls back through a fresh statement and drops the old ones; problems are added to {@code cause}. */
    private void rollbackAndReset(SQLException cause) {
        try {
            close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
        control = null;
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
        if (control != null) {
            control.close();
        }
    }
}
