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
 * never a dead end. Every row and column of every table is read once at start ({@link #scanAll}), so
 * DuckDB checks the checksum of every block: damage anywhere is found then, not by the report that
 * happens to read it. Unreadable rows (a point name that is no point id, an unknown quality) are moved
 * to {@code damaged_rows}; a write-ahead log that cannot be replayed is set aside; a file that cannot
 * be opened or read in full is set aside and every row that can still be read is copied into a new
 * one, row group by row group, naming the rows that could not. Each step is written to the log and to
 * {@code <data>/recovery-<time>.txt}.
 */
public final class StoreCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreCheck.class);
    // PointId.toString(): device "." point, with PointId's own patterns.
    static final String POINT_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\.[a-z0-9][a-z0-9_]{0,63}";
    private static final String QUALITIES = "('GOOD', 'UNCERTAIN', 'BAD')";
    // Samples above the rollup watermark minus this many are checked at each start (the tail is
    // where an interrupted write lands); older rows were read once already by the rollups.
    private static final long TAIL_ROWS = 1_000_000;
    // DuckDB's row group; a damaged block loses at most the rows of one column segment in it.
    private static final long ROW_GROUP = 122_880;
    // The smallest range of rows a salvage tries on its own before calling it lost.
    private static final long SMALLEST_RANGE = 2_048;
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
     * Reads every row and column of every table of the store, so that DuckDB verifies every block's
     * checksum. Throws, naming the table, at the first block that cannot be read; returns the rows read.
     */
    static long scanAll(Connection connection) throws SQLException {
        long rows = 0;
        for (String table : tables(connection, "main")) {
            List<String> columns = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet r = s.executeQuery("SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
                            + " AND schema_name = 'main' AND table_name = '" + table + "' ORDER BY column_index")) {
                while (r.next()) {
                    columns.add('"' + r.getString(1) + '"');
                }
            }
            try (Statement s = connection.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*), bit_xor(hash(" + String.join(", ", columns) + ")) FROM \""
                            + table + "\"")) {
                r.next();
                rows += r.getLong(1);
            } catch (SQLException e) {
                throw new SQLException("table " + table + " cannot be read in full (" + firstLine(e) + ")", e);
            }
        }
        return rows;
    }

    /** The base tables of database {@code database} ({@code main} or an attached one). */
    private static List<String> tables(Connection connection, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        String where = "main".equals(database) ? "database_name = current_database()" : "database_name = '" + database + "'";
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name FROM duckdb_tables() WHERE " + where
                        + " AND schema_name = 'main' ORDER BY table_name")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
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
            T opened = open.open(report, connection -> {
                List<String> found = salvage(connection, damaged);
                salvage.addAll(found);
                return new Report(found);
            });
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
            return open(found, connection -> Report.clean());
        }
    }

    /** Runs on the connection of a new store after its schema exists; says what it recovered. */
    @FunctionalInterface
    interface SalvageStep {
        Report run(Connection connection) throws SQLException;
    }

    /**
     * Copies every row of {@code damaged} that can still be read into the tables of the new store that
     * have the same name: a table at once, or, when a block of it is damaged, row group by row group and
     * within a damaged row group in halves down to {@link #SMALLEST_RANGE} rows. One finding per table,
     * naming the positions of the rows that could not be read.
     */
    static List<String> salvage(Connection connection, Path damaged) {
        List<String> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + damaged.toString().replace("'", "''") + "' AS damaged (READ_ONLY)");
            try {
                List<String> here = tables(connection, "main");
                for (String table : tables(connection, "damaged")) {
                    if (!here.contains(table)) {
                        // e.g. damaged_rows of an earlier check: kept with its columns, filled like the others
                        try (Statement create = connection.createStatement()) {
                            create.execute("CREATE TABLE \"" + table + "\" AS SELECT * FROM damaged.\"" + table + "\" LIMIT 0");
                        } catch (SQLException e) {
                            findings.add("table " + table + " could not be read from the damaged file: " + firstLine(e));
                            continue;
                        }
                    }
                    findings.add(salvageTable(connection, table));
                }
            } finally {
                try (Statement detach = connection.createStatement()) {
                    detach.execute("DETACH damaged");
                }
            }
        } catch (SQLException e) {
            findings.add("nothing could be recovered from the damaged file (" + firstLine(e)
                    + "); it is kept for inspection with the DuckDB CLI");
        }
        return findings;
    }

    private static String salvageTable(Connection connection, String table) {
        long total;
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM \"" + table + "\"");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM damaged.\"" + table + "\"")) {
                r.next();
                total = r.getLong(1);
            }
        } catch (SQLException e) {
            return "table " + table + " could not be read from the damaged file: " + firstLine(e);
        }
        List<long[]> lost = new ArrayList<>();
        long copied = copy(connection, table, 0, total, lost);
        if (lost.isEmpty()) {
            return "table " + table + ": " + copied + " rows recovered";
        }
        long lostRows = lost.stream().mapToLong(r -> r[1] - r[0]).sum();
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < lost.size() && i < 10; i++) {
            ranges.append(i == 0 ? "" : ", ").append(lost.get(i)[0]).append('–').append(lost.get(i)[1] - 1);
        }
        return "table " + table + ": " + copied + " of " + total + " rows recovered; " + lostRows
                + " rows in damaged blocks could not be read and are lost (row positions " + ranges
                + (lost.size() > 10 ? " and " + (lost.size() - 10) + " more ranges" : "") + ")";
    }

    /** Copies rows {@code [from, to)} (by rowid), splitting a range that cannot be read; returns the rows copied. */
    private static long copy(Connection connection, String table, long from, long to, List<long[]> lost) {
        if (from >= to) {
            return 0;
        }
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate("INSERT INTO \"" + table + "\" SELECT * FROM damaged.\"" + table + "\" WHERE rowid >= "
                    + from + " AND rowid < " + to);
        } catch (SQLException e) {
            long size = to - from;
            if (size <= SMALLEST_RANGE) {
                if (!lost.isEmpty() && lost.get(lost.size() - 1)[1] == from) {
                    lost.get(lost.size() - 1)[1] = to; // one range with the one before
                } else {
                    lost.add(new long[] {from, to});
                }
                return 0;
            }
            long step = size > ROW_GROUP ? ROW_GROUP : Math.max(SMALLEST_RANGE, size / 2);
            long copied = 0;
            for (long start = from; start < to; start += step) {
                copied += copy(connection, table, start, Math.min(to, start + step), lost);
            }
            return copied;
        }
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
