package io.wattline.historian.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When every block of the store is read and checked ({@link StoreCheck#scanAll}). A full read costs
 * about a second per two million rows, so on a plant's store (hundreds of millions of raw rows) it
 * must not hold up the start, and with it collection. At start the whole store is read before
 * anything else only when damage is likely or the read is short: the last run did not close the
 * store cleanly (no {@code .clean} marker beside it), a background check found damage (a
 * {@code .damaged} marker), or the store holds at most {@link #FULL_SCAN_AT_START_ROWS} rows.
 * Otherwise the same read runs in the background after the store is open; damage it finds is
 * reported (log, historian status alarm) and marks the store so that the next start recovers it.
 */
final class BlockScrub {

    private static final Logger log = LoggerFactory.getLogger(BlockScrub.class);
    /** About 3 s of reading on a 2-core machine. */
    static final long FULL_SCAN_AT_START_ROWS = 5_000_000;

    // The threshold in force; tests lower it to exercise the background read on a small store.
    private static volatile long fullScanAtStartRows = FULL_SCAN_AT_START_ROWS;

    private final Path file;
    private final boolean scannedAtStart;
    private volatile boolean done;
    private volatile String damage;
    private volatile DuckDBConnection connection;
    private volatile boolean closing;

    private BlockScrub(Path file, boolean scannedAtStart) {
        this.file = file;
        this.scannedAtStart = scannedAtStart;
        this.done = scannedAtStart;
    }

    /** Sets the largest store read in full before the start goes on; returns the previous one (for tests). */
    static long fullScanAtStartRows(long rows) {
        long previous = fullScanAtStartRows;
        fullScanAtStartRows = rows;
        return previous;
    }

    /** True once every block has been read (at open, or by the background read, whatever it found). */
    boolean done() {
        return done;
    }

    /** True when the store was read in full before the open went on. */
    boolean scannedAtStart() {
        return scannedAtStart;
    }

    static Path cleanMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".clean");
    }

    static Path damagedMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged");
    }

    /**
     * Decides at open whether the whole store is read now, and reads it if so (throwing, naming the
     * table, when a block cannot be read: the caller's recovery takes over). Consumes the clean marker.
     */
    static BlockScrub atOpen(Path file, DuckDBConnection connection) throws SQLException {
        boolean wasClean = deleteIfExists(cleanMarker(file));
        boolean suspect = Files.exists(damagedMarker(file));
        long estimated = estimatedRows(connection);
        if (!wasClean || suspect || estimated <= fullScanAtStartRows) {
            long started = System.nanoTime();
            long rows = StoreCheck.scanAll(connection);
            deleteIfExists(damagedMarker(file));
            log.info("historian store {}: every block read and checked ({} rows, {} ms; {})", file, rows,
                    (System.nanoTime() - started) / 1_000_000, whyReadAtOpen(suspect, wasClean, storedRows(connection)));
            return new BlockScrub(file, true);
        }
        log.info("historian store {}: closed cleanly last time, about {} rows: every block is read and checked in"
                + " the background", file, estimated);
        return new BlockScrub(file, false);
    }

    /** Starts the background read when the store was not read at open; it runs once, at low priority. */
    void startBackground(DuckDBConnection origin) throws SQLException {
        if (scannedAtStart) {
            return;
        }
        connection = (DuckDBConnection) origin.duplicate();
        Thread t = new Thread(this::scrub, "historian-block-check");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void scrub() {
        long started = System.nanoTime();
        try (DuckDBConnection c = connection) {
            long rows = StoreCheck.scanAll(c);
            log.info("historian store {}: every block read and checked in the background ({} rows, {} s)", file, rows,
                    (System.nanoTime() - started) / 1_000_000_000);
        } catch (SQLException e) {
            if (closing) {
                return;
            }
            damage = "a block of the historian store " + file + " cannot be read (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); restart Wattline: the start recovers every row that can still be read and names"
                    + " the rest / 历史库有数据块无法读取，请重启 Wattline：启动时将恢复所有可读数据并列出无法恢复的行";
            try {
                Files.writeString(damagedMarker(file), damage);
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            log.error("{}", damage, e);
        } finally {
            done = true;
        }
    }

    /** Damage the background read found, empty while none (or before it finished). */
    Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /** Stops a background read still running (before the database closes). */
    void stop() {
        closing = true;
        DuckDBConnection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    /** Marks the store as closed cleanly, after its last checkpoint and close succeeded. */
    void markClean() {
        try {
            Files.writeString(cleanMarker(file), "closed cleanly; the next start reads the store's blocks in the background\n");
        } catch (IOException e) {
            log.warn("could not write {}: the next start reads every block first ({})", cleanMarker(file), e.getMessage());
        }
    }

    /**
     * Why the whole store was read at open, for the log: a store that holds no data yet (a first start) has no clean
     * marker either, and is not reported as one the last run left uncleanly.
     */
    static String whyReadAtOpen(boolean suspect, boolean wasClean, long storedRows) {
        return suspect ? "a background check had found damage"
                : storedRows == 0 ? "a new store, nothing stored yet"
                : !wasClean ? "the last run did not close the store cleanly" : "a small store";
    }

    // The data tables (samples, the readings record, latest, rollups), not the bookkeeping ones.
    private static final String DATA_TABLES =
            " AND table_name IN ('samples', 'readings', 'latest', 'rollups_1m', 'rollups_15m', 'rollups_1h')";

    private static long estimatedRows(DuckDBConnection connection) throws SQLException {
        return estimatedRows(connection, "");
    }

    private static long storedRows(DuckDBConnection connection) throws SQLException {
        return estimatedRows(connection, DATA_TABLES);
    }

    // DuckDB's estimate of the rows of the store's tables, those {@code andWhere} keeps
    private static long estimatedRows(DuckDBConnection connection, String andWhere) throws SQLException {
        try (Statement s = connection.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT coalesce(sum(estimated_size), 0) FROM duckdb_tables()"
                        + " WHERE database_name = current_database()" + andWhere)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static boolean deleteIfExists(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p, e.getMessage());
            return false;
        }
    }
}
