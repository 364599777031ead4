package io.wattline.historian.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Deletes raw samples older than the retention cutoff, but only those every seq-following consumer
 * (the rollups, and the forwarder when one is configured) has already handled.
 */
final class RawRetention {

    private RawRetention() {
    }

    /** @return how many raw rows were deleted */
    static long delete(Connection connection, long cutoffUs, Collection<String> consumers) throws SQLException {
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                long handled = Watermarks.lowest(connection, consumers);
                long deleted;
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM samples WHERE ts_us < ? AND seq <= ?")) {
                    delete.setLong(1, cutoffUs);
                    delete.setLong(2, handled);
                    deleted = delete.executeUpdate();
                }
                control.execute("COMMIT");
                return deleted;
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
}
