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
            // A real failure inside the transaction: the upsert's target table is gone.
            otherStatement.execute("ALTER TABLE latest RENAME TO latest_away");
            assertThrows(SQLException.class, () -> committer.commit(second, 3));
            assertEquals(2, count(otherStatement, "SELECT count(*) FROM samples"), "the appended rows were rolled back");

            otherStatement.execute("ALTER TABLE latest_away RENAME TO latest");
            committer.commit(second, 3);
            assertEquals(4, count(otherStatement, "SELECT count(*) FROM samples"));
            assertEquals(4, count(otherStatement, "SELECT seq FROM latest WHERE point = 'mdb-main.active_power_total'"));
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
