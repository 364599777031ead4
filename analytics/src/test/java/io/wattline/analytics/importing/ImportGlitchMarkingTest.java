package io.wattline.analytics.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.forward.ForwarderOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readings that accounting leaves out (issue 14) are marked BAD in the real store at import, with the
 * reason: the samples API shows them BAD and the rollups do not count them; a persistent reset is not
 * touched; a stored reading is marked when a later file brings the rebound that shows it was a glitch.
 */
@Timeout(120)
class ImportGlitchMarkingTest {

    private static final PointId ENERGY = PointId.parse("line1-power.active_energy_import");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant NINE = Instant.parse("2026-03-05T01:00:00Z"); // 09:00 in Shanghai

    @TempDir
    Path data;

    private static ReadingImporter importer(Historian historian) {
        return new ReadingImporter(p -> p.equals(ENERGY) ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Optional.empty(),
                historian.readings(), historian.writer(), null, ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    /** 15-minute readings of +10 kWh from 45,000.0 at 08:00 (plant time); {@code override} replaces one. */
    private static String csv(int fromQuarter, int toQuarter, int overrideQuarter, String overrideValue) {
        StringBuilder csv = new StringBuilder("meter,point,time,value\n");
        for (int q = fromQuarter; q < toQuarter; q++) {
            String value = q == overrideQuarter ? overrideValue : Double.toString(45_000.0 + 10 * q);
            csv.append("line1-power,active_energy_import,2026-03-05 ").append(String.format("%02d:%02d", 8 + q / 4,
                    15 * (q % 4))).append(',').append(value).append('\n');
        }
        return csv.toString();
    }

    @Test
    void aDroppedDigitIsStoredBadWithItsReasonAndNoRollupCountsIt() throws IOException {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter importer = importer(historian);
            // the 09:00 reading lost a digit: 4,504.0 instead of 45,040.0 (docs/accounting.md's case)
            String file = csv(0, 12, 4, "4504.0");
            ImportResult first = importer.importCsv("shift.csv", new StringReader(file));
            assertEquals(12, first.written(), first.summary());
            assertEquals(1, first.excluded(), first.summary());

            List<Sample> raw = historian.reader().range(ENERGY, NINE.minusSeconds(3600), NINE.plusSeconds(7200), 100);
            assertEquals(12, raw.size(), "every reading kept");
            Sample glitch = raw.get(4);
            assertEquals(NINE, glitch.time());
            assertEquals(Quality.BAD, glitch.quality());
            assertEquals(4504.0, glitch.value());
            assertTrue(glitch.reason().contains("glitch") && glitch.reason().contains("shift.csv")
                    && glitch.reason().contains("不计入能耗"), glitch.reason());
            assertEquals(11, raw.stream().filter(Sample::isGood).count());

            // the 09:00-10:00 hour counts 09:15, 09:30, 09:45 only: first 45,050, min 45,050
            Bucket hour = historian.reader().series(ENERGY, NINE, NINE.plusSeconds(3600), 1).get(0);
            assertEquals(4, hour.samples());
            assertEquals(3, hour.count());
            assertEquals(45_050.0, hour.first());
            assertEquals(45_050.0, hour.min());
            assertEquals(45_070.0, hour.last());

            // the same file again: nothing written, nothing marked again, still BAD
            ImportResult again = importer.importCsv("shift.csv", new StringReader(file));
            assertEquals(0, again.written(), again.summary());
            assertEquals(12, again.alreadyStored(), again.summary());
            assertEquals(0, again.excluded(), again.summary());
            assertEquals(Quality.BAD, historian.reader().range(ENERGY, NINE, NINE.plusSeconds(1), 1).get(0).quality());
        }
    }

    @Test
    void aPersistentResetIsNotMarked() throws IOException {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            StringBuilder csv = new StringBuilder();
            for (int q = 0; q < 8; q++) {
                double value = q < 4 ? 45_000.0 + 10 * q : 10 * (q - 4); // the register restarts at 0 and stays low
                csv.append("line1-power,active_energy_import,2026-03-05 ").append(String.format("%02d:%02d", 8 + q / 4,
                        15 * (q % 4))).append(',').append(value).append('\n');
            }
            ImportResult result = importer(historian).importCsv("reset.csv", new StringReader(csv.toString()));
            assertEquals(8, result.written(), result.summary());
            assertEquals(0, result.excluded(), result.summary());
            assertTrue(historian.reader().range(ENERGY, NINE.minusSeconds(3600), NINE.plusSeconds(3600), 100).stream()
                    .allMatch(Sample::isGood));
        }
    }

    @Test
    void aStoredReadingIsMarkedWhenALaterFileBringsTheRebound() throws IOException {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter importer = importer(historian);
            // the first file ends on the low reading: nothing after it, so it cannot be judged yet
            ImportResult first = importer.importCsv("morning.csv", new StringReader(csv(0, 5, 4, "4504.0")));
            assertEquals(0, first.excluded(), first.summary());
            assertEquals(Quality.GOOD, historian.reader().range(ENERGY, NINE, NINE.plusSeconds(1), 1).get(0).quality());
            // the next file returns to the level before it: the stored 09:00 reading was a glitch
            ImportResult second = importer.importCsv("later.csv", new StringReader(csv(5, 12, -1, "")));
            assertEquals(7, second.written(), second.summary());
            assertEquals(1, second.excluded(), second.summary());
            Sample glitch = historian.reader().range(ENERGY, NINE, NINE.plusSeconds(1), 1).get(0);
            assertEquals(Quality.BAD, glitch.quality());
            assertTrue(glitch.reason().contains("later.csv"), glitch.reason());
        }
    }
}
