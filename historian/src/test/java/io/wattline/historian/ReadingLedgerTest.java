package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.ReadingLedger.Key;
import io.wattline.historian.ReadingLedger.Replacement;
import io.wattline.historian.ReadingLedger.Where;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading's identity is checked against the record, raw samples and rollups whatever retention
 * removed; the record survives retention; a replacement corrects raw, record and every rollup bucket.
 */
@Timeout(60)
class ReadingLedgerTest {

    private static final PointId ENERGY = new PointId("line1-power", "active_energy_import");
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant OLD = Instant.parse("2026-03-01T08:00:00Z"); // 9 days before NOW
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HistorianOptions ONE_DAY = HistorianOptions.defaults().withRawRetention(Duration.ofDays(1));

    @TempDir
    Path data;

    /** Readings every 15 min from OLD: 100, 110, 120, ... (four a hour). */
    private static List<Sample> quarterHourly(int count) {
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(Sample.good(ENERGY, OLD.plus(Duration.ofMinutes(15L * i)), 100 + 10 * i));
        }
        return readings;
    }

    private static void write(Historian historian, List<Sample> samples) {
        samples.forEach(s -> assertTrue(historian.writer().offer(s)));
        historian.writer().flush();
        historian.rollUpNow();
    }

    @Test
    void whileAnImportHoldsTheStoreWithoutFoldingTheCollectorsSamplesAreStillFolded() throws InterruptedException {
        // the periodic fold leaves the folding to an import only while the import folds its batches; one that
        // holds the store without folding (a slow upload, a long batch) must not hold up the collectors' rollups
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK);
                ReadingLedger.Importing importing = historian.readings().importing()) {
            historian.readings().publishLater().join(); // an import's fold just ended
            Instant live = NOW.minusSeconds(120);
            assertTrue(historian.writer().offer(Sample.good(ENERGY, live, 42.5)));
            historian.writer().flush();
            List<Bucket> minutes = Await.until(() -> historian.reader().series(List.of(ENERGY), live.minusSeconds(60),
                    NOW, Resolution.ONE_MINUTE).getOrDefault(ENERGY, List.of()), m -> !m.isEmpty(),
                    Duration.ofSeconds(30), "the live sample folded by the periodic fold while the import holds the store");
            assertEquals(1, minutes.size(), "folded by the periodic fold while the import holds the store");
            assertEquals(42.5, minutes.get(0).last());
        }
    }

    @Test
    void heldFingerprintsEachPointsRawSamplesInAWindow() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = new ArrayList<>(quarterHourly(8)); // OLD .. OLD + 1 h 45 min
            PointId other = new PointId("line2-power", "active_energy_import");
            readings.add(Sample.good(other, OLD.plusSeconds(60), 5.5));
            readings.add(Sample.bad(other, OLD.plusSeconds(120), "timeout"));
            readings.add(Sample.good(other, OLD.plus(Duration.ofHours(3)), 9)); // outside the window
            write(historian, readings);
            Instant from = OLD.plus(Duration.ofMinutes(15));
            Map<PointId, ReadingLedger.Held> held = historian.readings().held(from, OLD.plus(Duration.ofHours(1)));
            // line1: 110, 120, 130 at 15, 30 and 45 minutes after OLD (the hour itself is outside)
            assertEquals(new ReadingLedger.Held(3, 0, (0 + 15 + 30) * 60_000_000L, 360.0),
                    held.get(ENERGY));
            assertEquals(1, held.size(), held.toString()); // line2 holds nothing in it
            // line2 from OLD: a GOOD and a BAD sample (its NaN not summed), the one three hours later outside
            Map<PointId, ReadingLedger.Held> fromOld = historian.readings().held(OLD, OLD.plus(Duration.ofHours(1)));
            assertEquals(new ReadingLedger.Held(2, 1, (60 + 120) * 1_000_000L, 5.5), fromOld.get(other));
            assertTrue(historian.readings().held(OLD.minus(Duration.ofDays(1)), OLD).isEmpty());
        }
    }

    @Test
    void findsWhatTheStoreHoldsBeforeAndAfterRetention() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = quarterHourly(8);
            write(historian, readings);
            ReadingLedger ledger = historian.readings();
            Key second = Key.of(readings.get(1));
            Key absent = new Key(ENERGY, OLD.plusSeconds(60));
            Map<Key, ReadingLedger.Stored> raw = ledger.stored(List.of(second, absent));
            assertEquals(Where.RAW, raw.get(second).where());
            assertEquals(110.0, raw.get(second).value());
            assertNull(raw.get(absent));

            ledger.record(readings.subList(0, 4), "day1.csv");
            assertEquals(4, ledger.recorded());
            ledger.record(readings.subList(4, 6), "day2.csv");
            assertEquals(6, ledger.recorded());

            assertEquals(8, historian.applyRetentionNow());
            Map<Key, ReadingLedger.Stored> after = ledger.stored(readings.stream().map(Key::of).toList());
            // the recorded six come from the record; the other two were each alone in their
            // 1-minute bucket, so the rollups still know them exactly
            for (int i = 0; i < 8; i++) {
                ReadingLedger.Stored stored = after.get(Key.of(readings.get(i)));
                assertEquals(i < 6 ? Where.RECORD : Where.ROLLUP, stored.where(), "reading " + i);
                assertEquals(100 + 10 * i, stored.value());
            }
        }
    }

    @Test
    void theLookUpNamesThePointsTheStoreHoldsAnythingOfInTheKeysSpanWhereverItIs() {
        PointId other = new PointId("line2-power", "active_energy_import");
        PointId third = new PointId("line3-power", "active_energy_import");
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            ReadingLedger ledger = historian.readings();
            List<Sample> readings = quarterHourly(8); // ENERGY 08:00-09:45, raw then rollups only
            write(historian, readings);
            ledger.record(List.of(Sample.good(other, OLD.plusSeconds(1800), 5)), "hand.csv"); // record only
            write(historian, List.of(Sample.bad(third, OLD.plusSeconds(2700), "bus error"))); // a BAD raw sample
            // keys of the three points and of a fourth across 08:10-08:50: each of the three holds something there
            PointId fresh = new PointId("line4-power", "active_energy_import");
            List<Key> keys = List.of(new Key(ENERGY, OLD.plusSeconds(600)), new Key(other, OLD.plusSeconds(900)),
                    new Key(third, OLD.plusSeconds(3000)), new Key(fresh, OLD.plusSeconds(1800)),
                    Key.of(readings.get(2)));
            ReadingLedger.LookUp raw = ledger.lookUp(keys);
            assertEquals(java.util.Set.of(ENERGY, other, third), raw.touched());
            assertEquals(Map.of(Key.of(readings.get(2)), new ReadingLedger.Stored(120.0, Where.RAW)), raw.stored());

            // raw gone: the rollups still hold ENERGY's readings, and the BAD sample's 1-minute bucket (counting none)
            assertEquals(9, historian.applyRetentionNow());
            ReadingLedger.LookUp rolled = ledger.lookUp(keys);
            assertEquals(java.util.Set.of(ENERGY, other, third), rolled.touched());
            assertEquals(Map.of(Key.of(readings.get(2)), new ReadingLedger.Stored(120.0, Where.ROLLUP)), rolled.stored());
            assertEquals(rolled.stored(), ledger.stored(keys));

            // a span the store holds nothing of: nothing touched, nothing stored
            ReadingLedger.LookUp empty = ledger.lookUp(List.of(new Key(ENERGY, OLD.plusSeconds(86_400)),
                    new Key(fresh, OLD.plusSeconds(90_000))));
            assertTrue(empty.touched().isEmpty());
            assertTrue(empty.stored().isEmpty());
        }
    }

    @Test
    void aFoldAskedForLaterIsDoneBeforeTheFutureCompletesAndFailsOnceTheHistorianIsClosed() throws Exception {
        ReadingLedger ledger;
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = quarterHourly(4);
            write(historian, readings);
            ledger = historian.readings();
            ledger.append(readings, "day1.csv");
            ledger.publishLater().get(30, TimeUnit.SECONDS);
            assertEquals(historian.store().lastSeq(), historian.store().rollupWatermark(), "all folded");
            assertEquals(4, ledger.recorded());
        }
        // an import still running when the application stops gets an answer, not a wait for ever
        CompletableFuture<Void> late = ledger.publishLater();
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("is closing"), e.getCause().getMessage());
    }

    @Test
    void aReplacementRecomputesEveryBucketFromRawWhileRawIsComplete() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = quarterHourly(4); // 08:00 100, 08:15 110, 08:30 120, 08:45 130
            write(historian, readings);
            historian.readings().record(readings, "day1.csv");
            Sample corrected = Sample.good(ENERGY, readings.get(3).time(), 131.5);
            int buckets = historian.readings().replace(List.of(new Replacement(corrected, 130)), "fix.csv");
            assertEquals(3, buckets, "one bucket per resolution");
            Bucket hour = historian.reader().series(ENERGY, OLD, OLD.plusSeconds(3600), 1).get(0);
            assertEquals(131.5, hour.last());
            assertEquals(131.5, hour.max());
            assertEquals((100 + 110 + 120 + 131.5) / 4, hour.mean(), 1e-9);
            assertEquals(4, hour.count(), "replaced, not added");
            List<Sample> raw = historian.reader().range(ENERGY, OLD, OLD.plusSeconds(3600), 10);
            assertEquals(4, raw.size());
            assertEquals(131.5, raw.get(3).value());
            Key key = Key.of(corrected);
            assertEquals(131.5, historian.readings().stored(List.of(key)).get(key).value());
        }
    }

    @Test
    void aReplacementCorrectsBucketsWhoseRawRetentionRemoved() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = quarterHourly(4);
            write(historian, readings);
            historian.readings().record(readings, "day1.csv");
            assertEquals(4, historian.applyRetentionNow());
            Sample corrected = Sample.good(ENERGY, readings.get(0).time(), 99.0);
            historian.readings().replace(List.of(new Replacement(corrected, 100)), "fix.csv");
            Bucket hour = historian.reader().series(ENERGY, OLD, OLD.plusSeconds(3600), 1).get(0);
            assertEquals(99.0, hour.first());
            assertEquals(99.0, hour.min());
            assertEquals((99 + 110 + 120 + 130) / 4.0, hour.mean(), 1e-9);
            Bucket quarter = historian.reader().series(ENERGY, OLD, OLD.plusSeconds(900), 1).get(0);
            assertEquals(99.0, quarter.first());
            Key key = Key.of(corrected);
            ReadingLedger.Stored stored = historian.readings().stored(List.of(key)).get(key);
            assertEquals(Where.RECORD, stored.where());
            assertEquals(99.0, stored.value());
        }
    }

    /**
     * Many replacements in one call (several in one bucket, first and last of buckets among them, two points): every
     * rollup of every resolution equals the rollups of a store that was written the corrected values in the first
     * place, and the raw samples and the record hold the corrected values.
     */
    @Test
    void manyReplacementsLeaveEveryRollupAsIfTheCorrectedValuesHadBeenWritten(@TempDir Path other) {
        PointId water = new PointId("water-main", "volume_forward");
        List<Sample> readings = new ArrayList<>();
        List<Sample> corrected = new ArrayList<>();
        List<Replacement> replacements = new ArrayList<>();
        java.util.Random random = new java.util.Random(14);
        for (PointId point : List.of(ENERGY, water)) {
            for (int i = 0; i < 6 * 60; i++) { // six hours, one a minute
                Sample s = Sample.good(point, OLD.plus(Duration.ofMinutes(i)), 1000 + 2.5 * i);
                readings.add(s);
                if (random.nextInt(3) == 0 || i == 0 || i == 14 || i == 15 || i == 359) {
                    Sample fixed = Sample.good(point, s.time(), s.value() + random.nextInt(200) / 100.0 - 1);
                    corrected.add(fixed);
                    replacements.add(new Replacement(fixed, s.value()));
                } else {
                    corrected.add(s);
                }
            }
        }
        Map<Resolution, List<Bucket>> replaced;
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            write(historian, readings);
            historian.readings().record(readings, "day1.csv");
            int buckets = historian.readings().replace(replacements, "fix.csv");
            assertTrue(buckets > replacements.size() / 2, "buckets recomputed: " + buckets);
            replaced = rollups(historian, List.of(ENERGY, water));
            List<Sample> raw = historian.reader().range(water, OLD, OLD.plus(Duration.ofHours(6)), 1000);
            assertEquals(corrected.subList(360, 720).stream().map(Sample::value).toList(),
                    raw.stream().map(Sample::value).toList());
            Map<Key, ReadingLedger.Stored> record = historian.readings().stored(corrected.stream().map(Key::of).toList());
            for (Sample c : corrected) {
                assertEquals(c.value(), record.get(Key.of(c)).value(), c.toString());
            }
        }
        try (Historian direct = Historian.open(other, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            write(direct, corrected);
            Map<Resolution, List<Bucket>> expected = rollups(direct, List.of(ENERGY, water));
            for (Resolution r : Resolution.ROLLUPS_COARSEST_FIRST) {
                List<Bucket> want = expected.get(r);
                List<Bucket> got = replaced.get(r);
                assertEquals(want.size(), got.size(), r.toString());
                for (int i = 0; i < want.size(); i++) {
                    Bucket w = want.get(i);
                    Bucket g = got.get(i);
                    String where = r + " bucket " + w.start();
                    assertEquals(w.start(), g.start(), where);
                    assertEquals(w.samples(), g.samples(), where);
                    assertEquals(w.count(), g.count(), where);
                    assertEquals(w.min(), g.min(), where);
                    assertEquals(w.max(), g.max(), where);
                    assertEquals(w.mean(), g.mean(), 1e-9, where);
                    assertEquals(w.first(), g.first(), where);
                    assertEquals(w.firstTime(), g.firstTime(), where);
                    assertEquals(w.last(), g.last(), where);
                    assertEquals(w.lastTime(), g.lastTime(), where);
                }
            }
        }
    }

    /**
     * Several replacements in buckets whose raw samples retention removed: each bucket is corrected in place by all of
     * them (the sum by every difference, first and last where they are replaced, min and max widened).
     */
    @Test
    void severalReplacementsInBucketsWithoutRawCorrectEachBucketByAllOfThem() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            List<Sample> readings = quarterHourly(8); // 08:00 100 ... 09:45 170
            write(historian, readings);
            historian.readings().record(readings, "day1.csv");
            assertEquals(8, historian.applyRetentionNow());
            List<Replacement> replacements = List.of(
                    new Replacement(Sample.good(ENERGY, readings.get(0).time(), 95.0), 100),
                    new Replacement(Sample.good(ENERGY, readings.get(2).time(), 125.0), 120),
                    new Replacement(Sample.good(ENERGY, readings.get(3).time(), 131.0), 130),
                    new Replacement(Sample.good(ENERGY, readings.get(5).time(), 150.5), 150));
            historian.readings().replace(replacements, "fix.csv");
            List<Bucket> hours = historian.reader().series(ENERGY, OLD, OLD.plusSeconds(7200), 2);
            Bucket first = hours.get(0);
            assertEquals(95.0, first.first());
            assertEquals(131.0, first.last());
            assertEquals(95.0, first.min());
            assertEquals(131.0, first.max());
            assertEquals((95 + 110 + 125 + 131) / 4.0, first.mean(), 1e-9);
            Bucket second = hours.get(1);
            assertEquals(140.0, second.first());
            assertEquals(170.0, second.last());
            assertEquals((140 + 150.5 + 160 + 170) / 4.0, second.mean(), 1e-9);
            Bucket quarter = historian.reader().series(ENERGY, OLD.plusSeconds(1800), OLD.plusSeconds(2700), 1).get(0);
            assertEquals(125.0, quarter.first());
            assertEquals(125.0, quarter.max());
        }
    }

    private static Map<Resolution, List<Bucket>> rollups(Historian historian, List<PointId> points) {
        Map<Resolution, List<Bucket>> all = new java.util.EnumMap<>(Resolution.class);
        for (Resolution r : Resolution.ROLLUPS_COARSEST_FIRST) {
            List<Bucket> buckets = new ArrayList<>();
            historian.store().seriesEach(points, OLD, OLD.plus(Duration.ofHours(6)), r, (p, b) -> buckets.addAll(b));
            all.put(r, buckets);
        }
        return all;
    }
}
