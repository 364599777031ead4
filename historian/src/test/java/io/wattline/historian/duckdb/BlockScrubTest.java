package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianOptions;
import io.wattline.testkit.Await;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large store closed cleanly is opened at once and read in full in the background; damage that
 * read finds is reported and the next start recovers it. A store not closed cleanly is read first.
 */
class BlockScrubTest {

    private static final PointId POWER = new PointId("main-incomer", "active_power");
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final int ROWS = 400_000;

    @TempDir
    Path dir;
    private long threshold;

    @BeforeEach
    void everyStoreCountsAsLarge() {
        threshold = BlockScrub.fullScanAtStartRows(0);
    }

    @AfterEach
    void restore() {
        BlockScrub.fullScanAtStartRows(threshold);
    }

    @Test
    void aFirstStartIsNotReportedAsAnUncleanClose() {
        assertEquals("a new store, nothing stored yet", BlockScrub.whyReadAtOpen(false, false, 0));
        assertEquals("the last run did not close the store cleanly", BlockScrub.whyReadAtOpen(false, false, 6));
        assertEquals("a small store", BlockScrub.whyReadAtOpen(false, true, 6));
        assertEquals("a background check had found damage", BlockScrub.whyReadAtOpen(true, true, 0));
    }

    @Test
    void aCleanlyClosedStoreIsCheckedInTheBackgroundAndAnUncleanOneFirst() throws Exception {
        fill();
        Path file = dir.resolve(DuckDbStore.FILE_NAME);
        assertTrue(Files.exists(BlockScrub.cleanMarker(file)), "close marks the store clean");
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertFalse(store.blockCheck().scannedAtStart(), "a large, cleanly closed store opens without reading it all");
            assertFalse(Files.exists(BlockScrub.cleanMarker(file)), "the marker is taken at open");
            Await.until(() -> store.blockCheck().done(), Duration.ofSeconds(60), () -> "the background block check");
            assertTrue(store.blockDamage().isEmpty(), "a whole store: " + store.blockDamage());
        }
        Files.delete(BlockScrub.cleanMarker(file)); // as after a crash: no marker
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertTrue(store.blockCheck().scannedAtStart(), "after a crash every block is read before the start goes on");
        }
    }

    @Test
    void damageFoundInTheBackgroundIsReportedAndRecoveredAtTheNextStart() throws Exception {
        fill();
        Path file = dir.resolve(DuckDbStore.FILE_NAME);
        // imported readings: a table the open itself never reads, so only the full read finds its damage
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO readings (point, ts_us, value, source, recorded_at_us, replaced_value)"
                    + " SELECT 'water-main.volume', i * 900000000, i * 1.5, 'meters.csv', 0, NULL"
                    + " FROM range(" + ROWS + ") t(i)");
            s.execute("CHECKPOINT");
        }
        damageSecondRowGroup(file, "readings");
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertFalse(store.blockCheck().scannedAtStart());
            Await.until(() -> store.blockCheck().done(), Duration.ofSeconds(60), () -> "the background block check");
            String damage = store.blockDamage().orElseThrow(() -> new AssertionError("the damage is reported"));
            assertTrue(damage.contains("restart") && damage.contains("重启"), damage);
            assertTrue(Files.exists(BlockScrub.damagedMarker(file)), "the next start is told");
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertTrue(store.blockCheck().scannedAtStart(), "a store found damaged is read in full at start");
            String summary = store.openReport().summary();
            assertTrue(summary.contains("table readings cannot be read in full")
                    && summary.contains("table readings: ") && summary.contains("rows recovered"), "and recovered: " + summary);
            assertFalse(Files.exists(BlockScrub.damagedMarker(file)), "the damage is dealt with");
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertEquals(true, store.openReport().isClean(), store.openReport().summary());
        }
    }

    private void fill() {
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            for (int i = 0; i < ROWS; i++) {
                Sample s = Sample.good(POWER, T0.plusMillis(i * 500L), i);
                while (!store.offer(s)) {
                    store.flush();
                }
            }
            store.flush();
        }
    }

    /** Zeroes part of a block of a table's second row group, as a failing disk would. */
    private static void damageSecondRowGroup(Path file, String table) throws Exception {
        long block;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT block_id FROM pragma_storage_info('" + table + "')"
                        + " WHERE column_name = 'value' AND block_id >= 0 AND row_group_id = 1 LIMIT 1")) {
            assertTrue(r.next(), "the second row group of " + table + " is on disk");
            block = r.getLong(1);
        }
        // DuckDB's file: three 4 KiB headers, then 256 KiB blocks, each starting with its checksum
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(3 * 4096 + block * 262_144 + 64);
            raw.write(new byte[512]);
        }
    }
}
