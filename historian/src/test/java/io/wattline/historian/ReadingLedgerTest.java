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
}
