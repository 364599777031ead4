package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommitterTest {

    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path data;

    @Test
    void aFailedCommitLeavesNothingBehindAndTheNextAttemptSucceeds() throws Exception {
        Path file = data.resolve("store.duckdb");
        try (Connection setup = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            SchemaMigration.migrate(setup, file);
        }
        try (DuckDBConnection origin = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
                Connection writer = origin.duplicate();
                Connection other = origin.duplicate();
                Statement otherStatement = other.createStatement();
                BatchCommitter committer = new BatchCommitter((DuckDBConnection) writer)) {
            committer.commit(List.of(Sample.good(POWER, T0, 1.0), Sample.good(POWER, T0.plusSeconds(1), 2.0)), 1);

            List<Sample> second = List.of(Sample.good(POWER, T0.plusSeconds(2), 3.0), Sample.bad(POWER, T0.plusSeconds(3), "timeout"));
            // A real failure inside the transaction: the appender finds a samples table with too few columns.
            otherStatement.execute("ALTER TABLE samples RENAME TO samples_away");
            otherStatement.execute("CREATE TABLE samples (seq BIGINT, point VARCHAR)");
            assertThrows(SQLException.class, () -> committer.commit(second, 3));
            assertEquals(0, count(otherStatement, "SELECT count(*) FROM samples"), "nothing appended to the wrong table");
            assertEquals(2, count(otherStatement, "SELECT count(*) FROM samples_away"), "the first commit is intact");

            otherStatement.execute("DROP TABLE samples");
            otherStatement.execute("ALTER TABLE samples_away RENAME TO samples");
            committer.commit(second, 3);
            assertEquals(4, count(otherStatement, "SELECT count(*) FROM samples"));
            assertEquals(4, count(otherStatement, "SELECT max(seq) FROM samples WHERE quality = 'BAD'"));
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
