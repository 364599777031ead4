package io.wattline.analytics.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.ReadingLedger;
import io.wattline.historian.duckdb.DuckDbStore;
import io.wattline.historian.forward.ForwarderOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's fast path for points the store holds nothing of in a batch's span (issue 14: their readings are
 * judged from memory, only the day around the span read back) leaves the store exactly as the general path
 * (every reading of the span read back from the store): every column of raw samples, the readings record,
 * the three rollup tables and {@code latest}, glitch marks and reasons included.
 */
@Timeout(180)
class ImportFreshRangeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC);
    private static final String[] METERS = {"line1-power", "line2-power", "line3-power"};

    @TempDir
    Path data;

    /** The real ledger, except that every point counts as touched: the import takes its general path. */
    private record GeneralPath(ReadingLedger ledger) implements ReadingLedger {
        @Override
        public LookUp lookUp(Collection<Key> keys) {
            Set<PointId> all = new HashSet<>();
            keys.forEach(k -> all.add(k.point()));
            return new LookUp(ledger.lookUp(keys).stored(), all);
        }

        @Override
        public void append(Collection<Sample> readings, String source) {
            ledger.append(readings, source);
        }

        @Override
        public void publish() {
            ledger.publish();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> publishLater() {
            return ledger.publishLater();
        }

        @Override
        public int replace(Collection<Replacement> replacements, String source) {
            return ledger.replace(replacements, source);
        }

        @Override
        public int markBad(Collection<Exclusion> exclusions) {
            return ledger.markBad(exclusions);
        }

        @Override
        public void around(Collection<PointId> points, Instant from, Instant to, BiConsumer<PointId, List<Sample>> each) {
            ledger.around(points, from, to, each);
        }

        @Override
        public Map<PointId, Held> held(Instant from, Instant to) {
            return ledger.held(from, to);
        }

        @Override
        public Importing importing() {
            return ledger.importing();
        }

        @Override
        public long recorded() {
            return ledger.recorded();
        }
    }

    /**
     * 15-minute readings of the three meters from {@code fromQuarter} (0 = 2026-03-05 00:00 plant time) to
     * {@code toQuarter}: line1 has a dropped digit at quarter 40 and a high glitch at 130, line2 a low reading at
     * 95 (the first file's last) that the second file's rows undo, line3 a persistent reset at 60.
     */
    private static String csv(int fromQuarter, int toQuarter) {
        StringBuilder csv = new StringBuilder("meter,point,time,value\n");
        for (int q = fromQuarter; q < toQuarter; q++) {
            for (int m = 0; m < METERS.length; m++) {
                double value = 10_000.0 * (m + 1) + 2.5 * q;
                if (m == 0 && q == 40) {
                    value = 1_000.0;
                } else if (m == 0 && q == 130) {
                    value = 90_000.0;
                } else if (m == 1 && q == 95) {
                    value = 2_000.0;
                } else if (m == 2 && q >= 60) {
                    value = 2.5 * (q - 60);
                }
                Instant t = Instant.parse("2026-03-04T16:00:00Z").plusSeconds(900L * q);
                csv.append(METERS[m]).append(",active_energy_import,").append(t).append(',').append(value).append('\n');
            }
        }
        return csv.toString();
    }

    private static ReadingImporter importer(ReadingLedger ledger, Historian historian) {
        return new ReadingImporter(p -> p.point().equals("active_energy_import")
                ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Optional.empty(),
                ledger, historian.writer(), null, ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    /** Imports the files one after the other; returns the excluded count of each. */
    private List<Long> importAll(Path directory, boolean general, String... files) throws IOException {
        List<Long> excluded = new ArrayList<>();
        try (Historian historian = Historian.open(directory, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingLedger ledger = general ? new GeneralPath(historian.readings()) : historian.readings();
            ReadingImporter importer = importer(ledger, historian);
            for (int i = 0; i < files.length; i++) {
                ImportResult result = importer.importCsv("file" + i + ".csv", new StringReader(files[i]));
                excluded.add(result.excluded());
            }
        }
        return excluded;
    }

    private static List<String> rows(Path directory, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(DuckDbStore.FILE_NAME));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void theFastPathStoresWhatTheGeneralPathStores() throws Exception {
        // a day in one file (ending on line2's low reading), the next half day in another (which undoes it), the
        // rest in a third, then the first file again (nothing new)
        String[] files = {csv(0, 96), csv(96, 96 + 48), csv(144, 200), csv(0, 96)};
        Path fast = data.resolve("fast");
        Path general = data.resolve("general");
        List<Long> fastExcluded = importAll(fast, false, files);
        List<Long> generalExcluded = importAll(general, true, files);
        assertEquals(generalExcluded, fastExcluded);
        assertTrue(fastExcluded.stream().mapToLong(Long::longValue).sum() >= 3, "glitches marked: " + fastExcluded);
        assertSameTables(general, fast);
        assertTrue(rows(fast, "SELECT * FROM samples WHERE quality = 'BAD'").size() >= 3);
    }

    private static void assertSameTables(Path general, Path fast) throws SQLException {
        Map<String, String> tables = Map.of(
                "samples", "SELECT * FROM samples ORDER BY seq",
                "readings", "SELECT * EXCLUDE (recorded_at_us) FROM readings ORDER BY point, ts_us",
                "rollups_1m", "SELECT * FROM rollups_1m ORDER BY point, bucket_us",
                "rollups_15m", "SELECT * FROM rollups_15m ORDER BY point, bucket_us",
                "rollups_1h", "SELECT * FROM rollups_1h ORDER BY point, bucket_us",
                "latest", "SELECT * FROM latest ORDER BY point");
        for (Map.Entry<String, String> table : tables.entrySet()) {
            List<String> expected = rows(general, table.getValue());
            assertTrue(!expected.isEmpty(), table.getKey());
            assertEquals(expected, rows(fast, table.getValue()), table.getKey());
        }
    }

    /** Rows of meter {@code m} at quarter {@code q} (0 = 2023-06-01 00:00 UTC); the glitches of the long file. */
    private static void longRow(StringBuilder csv, int m, int q, Map<String, Double> glitches) {
        double value = glitches.getOrDefault(m + "@" + q, 10_000.0 * (m + 1) + 2.5 * q);
        if (m == 3 && q >= 58_500) {
            value = 2.5 * (q - 58_500); // a persistent reset at the second batch boundary
        }
        Instant t = Instant.parse("2023-06-01T00:00:00Z").plusSeconds(900L * q);
        String meter = m < METERS.length ? METERS[m] : "line4-power";
        csv.append(meter).append(",active_energy_import,").append(t).append(',').append(value).append('\n');
    }

    @Test
    void aLongFileIsJudgedAcrossItsBatchesAsFromTheStore() throws Exception {
        // three meters for 80,000 quarter-hours, a fourth from quarter 34,000 on: 286,000 rows, three batches
        // (ReadingImporter.BATCH_ROWS), the first ending at quarter 33,333 and the second at 58,499, with glitches
        // on both sides of each boundary: the import judges each batch's day before from the readings it judged
        // the batch before with; the fourth meter's day before comes from an earlier file, with a glitch in it
        Map<String, Double> glitches = Map.of("0@33333", 1_000.0, "1@33334", 2_000.0, "2@33332", 900_000.0,
                "1@58499", 5.0, "0@58500", 1.0, "3@33990", 7.0);
        StringBuilder earlier = new StringBuilder("meter,point,time,value\n");
        for (int q = 33_900; q < 34_000; q++) {
            longRow(earlier, 3, q, glitches);
        }
        StringBuilder csv = new StringBuilder("meter,point,time,value\n");
        int rows = 0;
        for (int q = 0; q < 80_000; q++) {
            for (int m = 0; m < (q < 34_000 ? 3 : 4); m++) {
                longRow(csv, m, q, glitches);
                rows++;
            }
        }
        assertTrue(rows > 2 * ReadingImporter.BATCH_ROWS, "three batches: " + rows);
        Path fast = data.resolve("fast");
        Path general = data.resolve("general");
        List<Long> fastExcluded = importAll(fast, false, earlier.toString(), csv.toString());
        List<Long> generalExcluded = importAll(general, true, earlier.toString(), csv.toString());
        assertEquals(generalExcluded, fastExcluded);
        assertSameTables(general, fast);
        List<String> bad = rows(fast, "SELECT point, ts_us FROM samples WHERE quality = 'BAD' ORDER BY ts_us");
        // every glitch is marked, the ones at the batch boundaries too (the persistent reset is not a glitch)
        assertEquals(6, bad.size(), bad.toString());
    }
}
