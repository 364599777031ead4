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
    private final Statement control;
    private final PreparedStatement upsertLatest;

    BatchCommitter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        this.control = connection.createStatement();
        this.upsertLatest = connection.prepareStatement(UPSERT_LATEST);
    }

    /**
     * Appends {@code batch} with sequence numbers {@code firstSeq, firstSeq + 1, ...} and updates
     * the latest table, all or nothing.
     *
     * @return the newest sample of each point in the batch (what the latest table may now hold)
     */
    Map<PointId, Sample> commit(List<Sample> batch, long firstSeq) throws SQLException {
        // The connection stays in auto-commit mode with an explicit BEGIN: with JDBC autoCommit off,
        // the driver opens the transaction only at the next statement, so appender rows flushed
        // before one would commit on their own.
        control.execute("BEGIN TRANSACTION");
        try {
            Map<PointId, Sample> newest = new LinkedHashMap<>();
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                long seq = firstSeq;
                for (Sample sample : batch) {
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
            SchemaMigration.rollbackAfter(control, cause);
            throw cause;
        }
    }

    /** Writes the WAL into the database file, so a reopen does not have to replay it. */
    void checkpoint() throws SQLException {
        control.execute("CHECKPOINT");
    }

    @Override
    public void close() throws SQLException {
        try {
            upsertLatest.close();
        } finally {
            control.close();
        }
    }
}
