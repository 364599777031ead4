package io.wattline.analytics.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import io.wattline.historian.forward.ForwarderOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row checks and RFC 4180 details of the readings import, against a real store. */
class ReadingImporterTest {

    private static final PointId ENERGY = PointId.parse("line1-power.active_energy_import");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path data;
    private static Historian historian;
    private static ReadingImporter importer;

    @BeforeAll
    static void open() {
        historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(), ForwarderOptions.defaults(), CLOCK);
        importer = new ReadingImporter(p -> p.equals(ENERGY) ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT)
                : p.point().equals("active_power") ? Optional.of(Quantity.ACTIVE_POWER) : Optional.empty(),
                historian.readings(), historian.writer(), null, ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static ImportResult.Rejection onlyRejection(String row) throws IOException {
        ImportResult result = importer.importCsv("t.csv", new StringReader(row + "\n"));
        assertEquals(1, result.rejectedRows(), result.toString());
        return result.rejected().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "line1-power,active_energy_import,2026-03-05 08:00,0x1p3     | '0x1p3'",
            "line1-power,active_energy_import,2026-03-05 08:00,1d        | '1d'",
            "line1-power,active_energy_import,2026-03-05 08:00,1e308     | implausible",
            "line1-power,active_energy_import,2026-03-05 08:00,NaN       | 'NaN'",
            "line1-power,active_energy_import,2026-03-05 08:00,-12.5     | negative",
            "line1-power,active_energy_import,2026-03-05 08:00,'1,5'     | decimal comma",
            "line1-power,active_energy_import,0001-01-01 00:00,12        | before 1970",
            "line1-power,active_energy_import,2027-01-01 00:00,12        | future",
            "line1-power,active_power,2026-03-05 08:00,12                | not a counter",
            "nosuch,active_energy_import,2026-03-05 08:00,12             | unknown point",
    })
    void refusesWithTheReason(String row, String expected) throws IOException {
        ImportResult.Rejection r = onlyRejection(row.strip().replace('\'', '"'));
        assertEquals(1, r.line());
        assertTrue(r.reason().contains(expected.strip()), r.reason());
    }

    @Test
    void readsQuotedFieldsCommentsBlankLinesAndAByteOrderMark() throws IOException {
        String csv = "\uFEFFmeter,point,time,value\n"
                + "# hand readings, March\n"
                + "\n"
                + "\"line1-power\",\"active_energy_import\",\"2026-03-06T08:00:00+08:00\",\"300.5\"\r\n"
                + "line1-power , active_energy_import , 2026-03-06 09:00 , 310.5\n";
        ImportResult result = importer.importCsv("bom.csv", new StringReader(csv));
        assertEquals(2, result.rows(), result.toString());
        assertEquals(2, result.written(), result.toString());
        List<Sample> stored = historian.reader().range(ENERGY, Instant.parse("2026-03-06T00:00:00Z"),
                Instant.parse("2026-03-06T02:00:00Z"), 10);
        assertEquals(List.of(300.5, 310.5), stored.stream().map(Sample::value).toList());
    }

    @Test
    void twoRowsOfOneFileForOneInstantCountOnceOrAreRejectedNamingTheOtherLine() throws IOException {
        String csv = """
                line1-power,active_energy_import,2026-03-07 08:00,400
                line1-power,active_energy_import,2026-03-07 08:00,400
                line1-power,active_energy_import,2026-03-07 08:00,401
                """;
        ImportResult result = importer.importCsv("dup.csv", new StringReader(csv));
        assertEquals(1, result.written());
        assertEquals(1, result.alreadyStored());
        assertEquals(3, result.rejected().get(0).line());
        assertTrue(result.rejected().get(0).reason().contains("line 1 of this file"), result.toString());
    }

    @Test
    void anUnterminatedQuoteStopsTheImportSayingWhere() {
        String csv = "line1-power,active_energy_import,2026-03-08 08:00,500\n\"line1-power,active_energy_import\n";
        IOException e = assertThrows(IOException.class, () -> importer.importCsv("bad.csv", new StringReader(csv)));
        assertTrue(e.getMessage().startsWith("bad.csv: line"), e.getMessage());
    }

    @Test
    void aValueOutsideThePlantsPlausibleRangeIsRefusedNamingTheRange() throws IOException {
        // the plant narrows ACTIVE_ENERGY_IMPORT to 0..1e6 kWh (plausibleRanges in the plant file)
        ReadingImporter narrow = new ReadingImporter(p -> Optional.of(Quantity.ACTIVE_ENERGY_IMPORT),
                io.wattline.core.plausible.PlausibleValues.standard().with(Quantity.ACTIVE_ENERGY_IMPORT,
                        new io.wattline.core.plausible.PlausibleValues.Range(0, 1e6)),
                historian.readings(), historian.writer(), null, ZoneId.of("Asia/Shanghai"), CLOCK);
        ImportResult result = narrow.importCsv("range.csv", new StringReader("""
                line1-power,active_energy_import,2026-03-09 08:00,999999
                line1-power,active_energy_import,2026-03-09 09:00,2000000
                """));
        assertEquals(1, result.written(), result.toString());
        assertEquals(2, result.rejected().get(0).line());
        assertTrue(result.rejected().get(0).reason().contains("outside the plausible range 0.0..1000000.0 kWh"),
                result.toString());
        assertTrue(result.rejected().get(0).reason().contains("plausibleRanges"), result.toString());
    }

    @Test
    void aFileOfSeveralBatchesIsInTheRollupsWhenTheImportReturns(@TempDir Path own) throws IOException {
        // batches are folded into the rollups behind the import, on the historian's maintenance thread, while
        // the next one is read: the import answers only once the last one is folded too (a report right after
        // it shows its figures)
        int rows = ReadingImporter.BATCH_ROWS + 30_000;
        Instant first = Instant.parse("2025-09-01T00:00:00Z");
        StringBuilder csv = minuteReadings(first, rows);
        try (Historian store = Historian.open(own, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter batches = energyImporter(store);
            ImportResult result = batches.importCsv("batches.csv", new StringReader(csv.toString()));
            assertEquals(rows, result.written(), result.toString());
            Instant end = first.plusSeconds(60L * rows);
            Map<PointId, List<Bucket>> hours = store.reader().series(List.of(ENERGY), first, end, Resolution.ONE_HOUR);
            List<Bucket> buckets = hours.get(ENERGY);
            assertEquals(rows, buckets.stream().mapToLong(Bucket::samples).sum());
            Bucket last = buckets.get(buckets.size() - 1);
            assertEquals(1000 + (rows - 1) * 0.25, last.last());
            assertEquals(first.plusSeconds(60L * (rows - 1)), last.lastTime());
            assertEquals(rows, store.readings().recorded());
        }
    }

    @Test
    void aFileThatBreaksOffKeepsEveryBatchBeforeItRecordedAndFolded(@TempDir Path own) throws IOException {
        // each batch is committed by the writer while the next is read: when the file stops being CSV in the
        // second batch, the first (still waiting for its commit) is recorded and folded before the import fails,
        // and the progress report after it counts it as written
        int rows = ReadingImporter.BATCH_ROWS + 10;
        Instant first = Instant.parse("2025-10-01T00:00:00Z");
        StringBuilder csv = minuteReadings(first, rows);
        csv.append("\"line1-power,active_energy_import\n");
        try (Historian store = Historian.open(own, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter batches = energyImporter(store);
            List<ImportResult> progress = new java.util.ArrayList<>();
            IOException e = assertThrows(IOException.class, () -> batches.importCsv("broken.csv",
                    new StringReader(csv.toString()), ImportRequest.addOnly("test", "console"), progress::add));
            assertTrue(e.getMessage().startsWith("broken.csv: line "), e.getMessage());
            assertTrue(e.getMessage().contains(ReadingImporter.BATCH_ROWS + " written"), e.getMessage());
            assertEquals(1, progress.size(), progress.toString());
            assertEquals(ReadingImporter.BATCH_ROWS, progress.get(0).written(), progress.toString());
            assertEquals(ReadingImporter.BATCH_ROWS, store.readings().recorded());
            Map<PointId, List<Bucket>> hours = store.reader().series(List.of(ENERGY), first,
                    first.plusSeconds(60L * rows), Resolution.ONE_HOUR);
            assertEquals(ReadingImporter.BATCH_ROWS, hours.get(ENERGY).stream().mapToLong(Bucket::samples).sum());
        }
    }

    /** {@code rows} readings of line1-power's energy counter a minute apart from {@code first}, 0.25 kWh each. */
    private static StringBuilder minuteReadings(Instant first, int rows) {
        StringBuilder csv = new StringBuilder(rows * 64);
        for (int i = 0; i < rows; i++) {
            csv.append("line1-power,active_energy_import,").append(first.plusSeconds(60L * i)).append(',')
                    .append(1000 + i * 0.25).append('\n');
        }
        return csv;
    }

    /**
     * Imports {@code csv}, which breaks off before a whole batch, into a fresh store under {@code own}; returns the
     * failure's message, having checked that the store records nothing of it.
     */
    private static String brokenImport(Path own, String name, CharSequence csv) {
        try (Historian store = Historian.open(own, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            IOException e = assertThrows(IOException.class, () -> energyImporter(store).importCsv(name,
                    new StringReader(csv.toString())));
            assertEquals(0, store.readings().recorded(), e.getMessage());
            return e.getMessage();
        }
    }

    /** An importer into {@code store} that takes every point for an energy counter. */
    private static ReadingImporter energyImporter(Historian store) {
        return new ReadingImporter(p -> Optional.of(Quantity.ACTIVE_ENERGY_IMPORT), store.readings(), store.writer(),
                null, ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    @Test
    void aStrayQuoteInALargeFileStopsTheImportAtItsLine(@TempDir Path own) {
        // 10 rows, then a quote opened by mistake on line 11 and 40,000 rows after it (more than the
        // ReadingCsv.MAX_FIELD_CHARS a field may hold): the import stops once that much is read into the quote,
        // naming line 11; the 10 rows before it, less than a batch, are counted and not written (whole batches
        // are: aFileThatBreaksOffKeepsEveryBatchBeforeItRecordedAndFolded), and nothing after it is
        StringBuilder csv = minuteReadings(Instant.parse("2025-08-01T00:00:00Z"), 10);
        csv.append("\"line1-power,active_energy_import,2025-08-01T00:10:00Z,1002.5\n");
        csv.append(minuteReadings(Instant.parse("2025-08-01T00:11:00Z"), 40_000));
        assertTrue(csv.length() > ReadingCsv.MAX_FIELD_CHARS + 1_000, "longer than a field may be");
        String message = brokenImport(own, "stray.csv", csv);
        assertTrue(message.startsWith("stray.csv: line 11: "), message);
        assertTrue(message.contains("a quotation begins but does not conclude"), message);
        assertTrue(message.contains("10 rows, 0 written"), message);
    }

    @Test
    void aQuoteLeftOpenNearTheEndStopsTheImportNamingItsLine(@TempDir Path own) {
        StringBuilder csv = minuteReadings(Instant.parse("2025-08-02T00:00:00Z"), 3);
        csv.append("line1-power,\"active_energy_import,2025-08-02T00:03:00Z,1000.75\n");
        csv.append(minuteReadings(Instant.parse("2025-08-02T00:04:00Z"), 2));
        String message = brokenImport(own, "open.csv", csv);
        assertTrue(message.startsWith("open.csv: line 4: "), message);
        assertTrue(message.contains("unterminated quote"), message);
        assertTrue(message.contains("3 rows, 0 written"), message);
    }

    @Test
    void aRowWhoseQuotedFieldSpansLinesIsRefusedNamingItsFirstLineAndTheRestIsImported() throws IOException {
        String csv = """
                line1-power,active_energy_import,2025-09-02 08:00,100
                "line1-
                power",active_energy_import,2025-09-02 08:15,101
                line1-power,active_energy_import,2025-09-02 08:30,102
                """;
        ImportResult result = importer.importCsv("span.csv", new StringReader(csv));
        assertEquals(3, result.rows(), result.toString());
        assertEquals(2, result.written(), result.toString());
        assertEquals(2, result.rejected().get(0).line(), result.toString());
        assertTrue(result.rejected().get(0).reason().contains("not a valid point id"), result.toString());
    }

    @Test
    void charactersAfterAClosingQuoteStopTheImportNamingTheLine() {
        String csv = """
                line1-power,active_energy_import,2025-09-03 08:00,100
                "line1-power"x,active_energy_import,2025-09-03 08:15,101
                """;
        IOException e = assertThrows(IOException.class, () -> importer.importCsv("after.csv", new StringReader(csv)));
        assertTrue(e.getMessage().startsWith("after.csv: line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("closing quote"), e.getMessage());
    }
}
