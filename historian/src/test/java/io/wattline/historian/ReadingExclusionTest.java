package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.ReadingLedger.Exclusion;
import io.wattline.historian.ReadingLedger.Key;
import io.wattline.historian.forward.ForwarderOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading judged a glitch is marked BAD in the real DuckDB store with its reason: the raw sample keeps
 * its value and its seq (nothing lost, nothing written twice), and no rollup bucket counts it any more.
 */
@Timeout(60)
class ReadingExclusionTest {

    private static final PointId ENERGY = new PointId("line1-power", "active_energy_import");
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC);
    private static final String REASON = "glitch: 4504.0 between 45030.0 and 45050.0 (读数异常，已排除)";

    @TempDir
    Path data;

    @Test
    void aGlitchIsMarkedBadKeptAndLeftOutOfEveryRollup() {
        // every 15 min +10 kWh from 45,000; the 01:30 reading lost a digit (4,504 instead of 45,020)
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double value = i == 2 ? 4504.0 : 45_000.0 + 10 * i;
            readings.add(Sample.good(ENERGY, T0.plus(Duration.ofMinutes(15L * i)), value));
        }
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            readings.forEach(s -> assertTrue(historian.writer().offer(s)));
            historian.writer().flush();
            historian.readings().record(readings, "day.csv");
            long committed = historian.store().stats().committed();
            Instant glitch = readings.get(2).time();
            // before: the hour bucket 01:00-02:00 counts the glitch as its minimum
            Bucket hourBefore = historian.reader().series(ENERGY, T0, T0.plus(Duration.ofHours(1)), 1)
                    .get(0);
            assertEquals(4, hourBefore.count());
            assertEquals(4504.0, hourBefore.min());

            int marked = historian.readings().markBad(List.of(new Exclusion(new Key(ENERGY, glitch), REASON)));
            assertEquals(1, marked);
            // again: already BAD, nothing changes
            assertEquals(0, historian.readings().markBad(List.of(new Exclusion(new Key(ENERGY, glitch), REASON))));

            List<Sample> raw = historian.reader().range(ENERGY, T0, T0.plus(Duration.ofHours(2)), 100);
            assertEquals(8, raw.size(), "no sample lost or duplicated");
            Sample bad = raw.get(2);
            assertEquals(glitch, bad.time());
            assertEquals(Quality.BAD, bad.quality());
            assertEquals(REASON, bad.reason());
            assertEquals(4504.0, bad.value(), "the value is kept as evidence");
            assertEquals(committed, historian.store().stats().committed(), "nothing written again");

            Bucket hour = historian.reader().series(ENERGY, T0, T0.plus(Duration.ofHours(1)), 1).get(0);
            assertEquals(4, hour.samples());
            assertEquals(3, hour.count(), "the hour counts the three good readings");
            assertEquals(45_000.0, hour.min());
            assertEquals(45_030.0, hour.max());
            assertEquals((45_000.0 + 45_010.0 + 45_030.0) / 3, hour.mean(), 1e-9);
            assertEquals(45_000.0, hour.first());
            assertEquals(45_030.0, hour.last());
            List<Bucket> quarter = historian.reader().series(ENERGY, glitch, glitch.plus(Duration.ofMinutes(15)), 1);
            assertEquals(0, quarter.get(0).count(), "its 15-minute bucket has no usable reading");
            List<Bucket> minute = historian.reader().series(ENERGY, glitch, glitch.plus(Duration.ofMinutes(1)), 1);
            assertEquals(0, minute.get(0).count());
            assertTrue(Double.isNaN(minute.get(0).first()));

            // a later rollup step (new samples) leaves the refolded buckets as they are
            assertTrue(historian.writer().offer(Sample.good(ENERGY, T0.plus(Duration.ofMinutes(50)), 45_032.0)));
            historian.writer().flush();
            historian.rollUpNow();
            Bucket hourAfter = historian.reader().series(ENERGY, T0, T0.plus(Duration.ofHours(1)), 1)
                    .get(0);
            assertEquals(4, hourAfter.count());
            assertEquals(45_000.0, hourAfter.min());
            assertEquals(45_032.0, hourAfter.last());

            // the identity stays taken: the same file again is already stored, the record keeps the value
            assertEquals(4504.0, historian.readings().stored(List.of(new Key(ENERGY, glitch))).get(new Key(ENERGY, glitch))
                    .value());
        }
        // and the marks survive a restart
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            Sample bad = historian.reader().range(ENERGY, T0, T0.plus(Duration.ofHours(2)), 100).get(2);
            assertEquals(Quality.BAD, bad.quality());
            assertFalse(bad.isGood());
        }
    }
}
