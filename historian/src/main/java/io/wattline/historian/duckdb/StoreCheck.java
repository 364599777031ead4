package io.wattline.historian.duckdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up integrity check and recovery of a damaged store: a store that cannot be opened is
 * never a dead end. Unreadable rows (a point name that is no point id, an unknown quality) are moved
 * to {@code damaged_rows}; a write-ahead log that cannot be replayed is set aside; a file that cannot
 * be opened at all is set aside and every table that can still be read is copied into a new one.
 * Each step is written to the log and to {@code <data>/recovery-<time>.txt}.
 */
public final class StoreCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreCheck.class);
    // PointId.toString(): device "." point, with PointId's own patterns.
    static final String POINT_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\.[a-z0-9][a-z0-9_]{0,63}";
    private static final String QUALITIES = "('GOOD', 'UNCERTAIN', 'BAD')";
    // Samples above the rollup watermark minus this many are checked at each start (the tail is
    // where an interrupted write lands); older rows were read once already by the rollups.
    private static final long TAIL_ROWS = 1_000_000;
    private static final List<String> TABLES = List.of("samples", "latest", "rollups_1m", "rollups_15m", "rollups_1h",
            "watermarks", "points");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private StoreCheck() {
    }

    /** What a check or a recovery did, in sentences an operator can act on; empty when all was well. */
    public record Report(List<String> findings) {

        public Report {
            findings = List.copyOf(findings);
        }

        static Report clean() {
            return new Report(List.of());
        }

        public boolean isClean() {
            return findings.isEmpty();
        }

        public String summary() {
            return String.join("; ", findings);
        }

        Report and(Report other) {
            List<String> all = new ArrayList<>(findings);
            all.addAll(other.findings);
            return new Report(all);
        }
    }

    /** Opens the database file. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * Moves rows that cannot be read as samples (and their like in latest, points and the newest
     * rollups) into {@code damaged_rows}, in one transaction.
     */
    static Report quarantineUnreadableRows(Connection connection, Path file) throws SQLException {
        List<String> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS damaged_rows (table_name VARCHAR NOT NULL, seq BIGINT,
                        point_prefix VARCHAR, point_length BIGINT, quality VARCHAR, found_at_us BIGINT NOT NULL)""");
            long tailFrom;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT coalesce((SELECT max(seq) FROM watermarks WHERE name = 'rollup'), 0)")) {
                rows.next();
                tailFrom = Math.max(0, rows.getLong(1) - TAIL_ROWS);
            }
            long now = EpochMicros.of(Instant.now());
            String badPoint = "NOT regexp_full_match(point, '" + POINT_PATTERN + "')";
            statement.execute("BEGIN TRANSACTION");
            try {
                quarantine(statement, findings, "samples", "seq", "seq > " + tailFrom
                        + " AND (" + badPoint + " OR quality NOT IN " + QUALITIES + ")", "quality", now);
                quarantine(statement, findings, "latest", "seq", badPoint + " OR quality NOT IN " + QUALITIES, "quality", now);
                quarantine(statement, findings, "points", "id", badPoint, "NULL", now);
                for (String rollups : List.of("rollups_1m", "rollups_15m", "rollups_1h")) {
                    quarantine(statement, findings, rollups, "last_seq", "bucket_us >= (SELECT coalesce(max(bucket_us), 0) FROM "
                            + rollups + ") - 172800000000 AND " + badPoint, "NULL", now);
                }
                statement.execute("COMMIT");
            } catch (SQLException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
        Report report = new Report(findings);
        if (!report.isClean()) {
            writeReportFile(file, report);
        }
        return report;
    }

    private static void quarantine(Statement statement, List<String> findings, String table, String seqColumn,
            String where, String qualityColumn, long now) throws SQLException {
        int moved = statement.executeUpdate("INSERT INTO damaged_rows SELECT '" + table + "', " + seqColumn
                + ", left(point, 80), length(point), left(CAST(" + qualityColumn + " AS VARCHAR), 40), " + now
                + " FROM " + table + " WHERE " + where);
        if (moved > 0) {
            statement.executeUpdate("DELETE FROM " + table + " WHERE " + where);
            findings.add(moved + " unreadable row(s) of table " + table
                    + " (a point name that is no point id, or an unknown quality) moved to table damaged_rows");
        }
    }

    /**
     * Opens the file; if DuckDB cannot (a damaged write-ahead log or file), sets the log aside and
     * tries again, then sets the file aside and salvages every readable table into a new one.
     * {@code open} is the whole opening (connection, migration, first reads) so that damage found
     * by any of it leads here.
     */
    static <T> Opened<T> openOrRecover(Path file, Opening<T> open) throws SQLException {
        try {
            return new Opened<>(open.open(Report.clean()), Report.clean());
        } catch (SQLException first) {
            if (!recoverable(first)) {
                throw first;
            }
            List<String> findings = new ArrayList<>();
            String stamp = STAMP.format(Instant.now());
            Path wal = file.resolveSibling(file.getFileName() + ".wal");
            if (Files.exists(wal)) {
                Path aside = wal.resolveSibling(wal.getFileName() + ".damaged-" + stamp);
                move(wal, aside);
                findings.add("the store could not be opened (" + first.getMessage() + "); its write-ahead log was set aside as "
                        + aside + " (the last commits before the failure are in it, not in the store)");
                log.warn("historian store {}: {}", file, findings.get(0));
                try {
                    Report report = new Report(findings);
                    writeReportFile(file, report);
                    return new Opened<>(open.open(report), report);
                } catch (SQLException second) {
                    if (!recoverable(second)) {
                        throw second;
                    }
                    findings.add("without its write-ahead log it still could not be opened (" + second.getMessage() + ")");
                }
            } else {
                findings.add("the store could not be opened (" + first.getMessage() + ")");
            }
            Path damaged = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
            move(file, damaged);
            findings.add("the damaged file was set aside as " + damaged + " and a new store started");
            List<String> salvage = new ArrayList<>();
            Report report = new Report(findings);
            T opened = open.open(report, connection -> salvage.addAll(salvage(connection, damaged)));
            Report full = report.and(new Report(salvage));
            writeReportFile(file, full);
            log.warn("historian store {} recovered: {}", file, full.summary());
            return new Opened<>(opened, full);
        }
    }

    /** The result of {@link #openOrRecover}. */
    record Opened<T>(T value, Report report) {
    }

    /** The whole opening of a store, given what recovery found so far and what to do on a new, empty file. */
    interface Opening<T> {
        T open(Report found, SalvageStep salvage) throws SQLException;

        default T open(Report found) throws SQLException {
            return open(found, connection -> { });
        }
    }

    /** Runs on the connection of a new store after its schema exists. */
    @FunctionalInterface
    interface SalvageStep {
        void run(Connection connection) throws SQLException;
    }

    /** Copies every table of {@code damaged} that can still be read; one finding per table. */
    static List<String> salvage(Connection connection, Path damaged) {
        List<String> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + damaged.toString().replace("'", "''") + "' AS damaged (READ_ONLY)");
            try {
                for (String table : TABLES) {
                    try {
                        statement.execute("DELETE FROM " + table);
                        long copied = statement.executeUpdate("INSERT INTO " + table + " SELECT * FROM damaged." + table);
                        findings.add("table " + table + ": " + copied + " rows recovered");
                    } catch (SQLException e) {
                        findings.add("table " + table + " could not be read from the damaged file: " + e.getMessage());
                    }
                }
            } finally {
                statement.execute("DETACH damaged");
            }
        } catch (SQLException e) {
            findings.add("nothing could be recovered from the damaged file (" + e.getMessage()
                    + "); it is kept for inspection with the DuckDB CLI");
        }
        return findings;
    }

    private static boolean recoverable(SQLException e) {
        String message = String.valueOf(e.getMessage());
        // another process holding the file is not damage; neither is a newer schema
        return !(message.contains("Could not set lock") || message.contains("Conflicting lock"));
    }

    private static void move(Path from, Path to) throws SQLException {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new SQLException("cannot set " + from + " aside as " + to + ": " + e, e);
        }
    }

    private static void writeReportFile(Path file, Report report) {
        Path out = file.resolveSibling("recovery-" + STAMP.format(Instant.now()) + ".txt");
        try {
            Files.writeString(out, "Wattline historian store " + file + "\n- " + String.join("\n- ", report.findings()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot write the recovery report {}: {}", out, e.getMessage());
        }
    }
}
