package io.wattline.historian.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of the {@code watermarks} table: how far each seq-following consumer has come. */
final class Watermarks {

    private Watermarks() {
    }

    static long read(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT seq FROM watermarks WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }

    static void store(Connection connection, String name, long seq) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO watermarks VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq")) {
            upsert.setString(1, name);
            upsert.setLong(2, seq);
            upsert.executeUpdate();
        }
    }

    /** Lowest watermark among {@code names} (0 when one is missing): what all of them have handled. */
    static long lowest(Connection connection, Iterable<String> names) throws SQLException {
        long lowest = Long.MAX_VALUE;
        for (String name : names) {
            lowest = Math.min(lowest, read(connection, name));
        }
        return lowest;
    }
}
