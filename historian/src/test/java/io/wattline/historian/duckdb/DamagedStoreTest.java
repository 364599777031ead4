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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged store is never a dead end: rows that cannot be read as samples (the glued point name of
 * issue 19) are moved aside and named in a report; a file DuckDB cannot open at all is set aside and
 * a new store starts with everything that could be read from it.
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
}
