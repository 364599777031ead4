package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianOptions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged store is never a dead end: rows that cannot be read as samples (the glued point name of
 * issue 19) are moved aside and named in a report; a file DuckDB cannot open at all is set aside and
 * a new store starts with everything that could be read from it; a damaged block anywhere in the
 * file is found by the full scan at start, and every row outside it is recovered.
 */
class DamagedStoreTest {

    private static final PointId POWER = new PointId("main-incomer", "active_power");
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void unreadableRowsAreQuarantinedAndReported() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            for (int i = 0; i < 10; i++) {
                store.offer(Sample.good(POWER, T0.plusSeconds(i), i));
            }
            store.flush();
        }
        String glued = "main-incomer.active_powerline1-power.active_power".repeat(800);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO samples VALUES (11, '" + glued + "', 1, 1.0, 'GOOD', NULL)");
            s.execute("INSERT INTO latest VALUES ('" + glued + "', 11, 1, 1.0, 'GOOD', NULL)");
            s.execute("INSERT INTO samples VALUES (12, 'main-incomer.active_power', 2, 1.0, 'GXOD', NULL)");
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            StoreCheck.Report report = store.openReport();
            assertFalse(report.isClean());
            assertTrue(report.summary().contains("2 unreadable row(s) of table samples"), report.summary());
            assertTrue(report.summary().contains("1 unreadable row(s) of table latest"), report.summary());
            assertEquals(List.of(POWER), store.points());
            assertEquals(10, store.range(POWER, T0, T0.plusSeconds(60), 100).size());
            assertEquals(13, store.lastSeq() + 1, "a seq is never reused");
            store.offer(Sample.good(POWER, T0.plusSeconds(30), 30));
            store.flush();
            assertEquals(11, store.range(POWER, T0, T0.plusSeconds(60), 100).size());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("recovery-")), "a report file");
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertTrue(store.openReport().isClean(), "quarantined once: " + store.openReport());
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsSetAsideAndANewStoreStarts() throws Exception {
        Path file = dir.resolve(DuckDbStore.FILE_NAME);
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            store.offer(Sample.good(POWER, T0, 1));
            store.flush();
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(0);
            raw.write(new byte[8192]); // the main headers gone
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            StoreCheck.Report report = store.openReport();
            assertTrue(report.summary().contains("set aside"), report.summary());
            store.offer(Sample.good(POWER, T0.plusSeconds(1), 2));
            store.flush();
            assertEquals(1, store.range(POWER, T0, T0.plusSeconds(60), 100).size() - (report.summary()
                    .contains("samples: 1 rows recovered") ? 1 : 0));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(DuckDbStore.FILE_NAME + ".damaged-")));
        }
    }

    @Test
    void aDamagedBlockAnywhereIsFoundAtStartAndEveryReadableRowRecovered() throws Exception {
        int rows = 400_000; // more than three of DuckDB's row groups
        PointId other = new PointId("line1-power", "active_power");
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            for (int i = 0; i < rows; i++) {
                Sample s = Sample.good(i % 2 == 0 ? POWER : other, T0.plusMillis(i * 500L), i);
                while (!store.offer(s)) {
                    store.flush();
                }
            }
            store.flush();
        }
        Path file = dir.resolve(DuckDbStore.FILE_NAME);
        long block;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT block_id FROM pragma_storage_info('samples')"
                        + " WHERE column_name = 'value' AND block_id >= 0 AND row_group_id = 1 LIMIT 1")) {
            assertTrue(r.next(), "the samples' second row group is on disk");
            block = r.getLong(1);
        }
        // DuckDB's file: three 4 KiB headers, then 256 KiB blocks, each starting with its checksum
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(3 * 4096 + block * 262_144 + 64);
            raw.write(new byte[512]);
        }

        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            String summary = store.openReport().summary();
            assertTrue(summary.contains("table samples cannot be read in full"), "found at start: " + summary);
            assertTrue(summary.contains("set aside"), summary);
            Matcher m = Pattern.compile("table samples: (\\d+) of " + rows + " rows recovered; (\\d+) rows in damaged"
                    + " blocks could not be read and are lost \\(row positions \\d+").matcher(summary);
            assertTrue(m.find(), "names what was lost: " + summary);
            long recovered = Long.parseLong(m.group(1));
            assertEquals(rows, recovered + Long.parseLong(m.group(2)), summary);
            assertTrue(recovered >= rows - 122_880, "at most one row group lost: " + summary);
            long stored = store.range(POWER, T0, T0.plusSeconds(rows), rows).size()
                    + store.range(other, T0, T0.plusSeconds(rows), rows).size();
            assertEquals(recovered, stored, "the recovered rows are readable");
            store.offer(Sample.good(POWER, T0.plusSeconds(rows), 1));
            store.flush();
            assertEquals(stored + 1, store.range(POWER, T0, T0.plusSeconds(rows + 1), rows).size()
                    + store.range(other, T0, T0.plusSeconds(rows), rows).size(), "and writing goes on");
        }
        try (DuckDbStore store = DuckDbStore.open(dir, HistorianOptions.defaults())) {
            assertTrue(store.openReport().isClean(), "the new store is whole: " + store.openReport().summary());
        }
    }
}
