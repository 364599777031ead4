package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollup buckets against figures computed by hand, built in two steps so stored buckets are merged
 * with later samples (a late sample in an already rolled-up minute, an equal-time tie), and kept
 * exactly once across a restart.
 */
@Timeout(60)
class RollupTest {

    private static final PointId ENERGY = new PointId("mdb-main", "active_energy_import");
    private static final Instant H6 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path data;

    @Test
    void bucketsMatchHandComputedFiguresAndSurviveARestart() {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            SampleWriter writer = historian.writer();
            // step 1
            writer.offer(Sample.good(ENERGY, at("06:00:10"), 100.0));
            writer.offer(Sample.good(ENERGY, at("06:00:50"), 103.0));
            writer.offer(Sample.good(ENERGY, at("06:00:50"), 104.0)); // same time, later commit: the last reading
            writer.flush();
            assertEquals(3, historian.rollUpNow());
            // step 2
            writer.offer(Sample.good(ENERGY, at("06:00:30"), 101.0)); // late, inside the rolled-up minute
            writer.offer(Sample.good(ENERGY, at("06:01:05"), 110.0));
            writer.offer(Sample.bad(ENERGY, at("06:14:59"), "timeout"));
            writer.offer(new Sample(ENERGY, at("06:15:00"), 130.0, Quality.UNCERTAIN, "stale"));
            writer.offer(Sample.good(ENERGY, at("07:00:00"), 200.0));
            writer.flush();
            assertEquals(8, historian.rollUpNow());
            assertHandComputed(historian.reader());
        }
        try (Historian reopened = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            assertEquals(8, reopened.rollUpNow(), "watermark kept: nothing is rolled up twice");
            assertHandComputed(reopened.reader());
        }
    }

    private static void assertHandComputed(SeriesReader reader) {
        Instant to = at("08:00:00");
        // 2 h span: 1 h gives 2 buckets, 15 min gives 8, 1 min gives 120.
        List<Bucket> hours = reader.series(ENERGY, H6, to, 2);
        assertEquals(2, hours.size());
        // 06:00-07:00: 100, 103, 104, 101, 110, BAD, 130 -> 7 samples, 6 usable, sum 648, mean 108
        assertBucket(hours.get(0), Resolution.ONE_HOUR, "06:00:00", 7, 6, 100, 130, 108, 100, "06:00:10", 130, "06:15:00");
        assertBucket(hours.get(1), Resolution.ONE_HOUR, "07:00:00", 1, 1, 200, 200, 200, 200, "07:00:00", 200, "07:00:00");

        List<Bucket> quarters = reader.series(ENERGY, H6, to, 3);
        assertEquals(3, quarters.size(), "empty buckets are absent");
        // 06:00-06:15: 100, 103, 104, 101, 110, BAD -> 6 samples, 5 usable, sum 518, mean 103.6
        assertBucket(quarters.get(0), Resolution.FIFTEEN_MINUTES, "06:00:00", 6, 5, 100, 110, 103.6, 100, "06:00:10", 110, "06:01:05");
        assertBucket(quarters.get(1), Resolution.FIFTEEN_MINUTES, "06:15:00", 1, 1, 130, 130, 130, 130, "06:15:00", 130, "06:15:00");

        List<Bucket> minutes = reader.series(ENERGY, H6, to, 120);
        assertEquals(5, minutes.size());
        // 06:00: 100 @:10, 101 @:30, 103 and 104 @:50 -> mean 102, first 100, last 104 (the later commit)
        assertBucket(minutes.get(0), Resolution.ONE_MINUTE, "06:00:00", 4, 4, 100, 104, 102, 100, "06:00:10", 104, "06:00:50");
        assertBucket(minutes.get(1), Resolution.ONE_MINUTE, "06:01:00", 1, 1, 110, 110, 110, 110, "06:01:05", 110, "06:01:05");
        Bucket badOnly = minutes.get(2);
        assertEquals(at("06:14:00"), badOnly.start());
        assertEquals(1, badOnly.samples());
        assertEquals(0, badOnly.count());
        assertTrue(Double.isNaN(badOnly.mean()));
        assertNull(badOnly.lastTime());

        List<Bucket> raw = reader.series(ENERGY, H6, to, 121);
        assertEquals(8, raw.size(), "fewer than 121 minutes in the span: raw samples");
        assertTrue(raw.stream().allMatch(b -> b.resolution() == Resolution.RAW));
        assertEquals(List.of(100.0, 101.0, 103.0, 104.0), raw.subList(0, 4).stream().map(Bucket::last).toList());

        // A range starting inside a bucket includes that bucket (its start is floored).
        assertEquals(at("06:00:00"), reader.series(ENERGY, at("06:40:00"), to, 1).get(0).start());
    }

    private static void assertBucket(Bucket b, Resolution resolution, String start, long samples, long count, double min,
            double max, double mean, double first, String firstTime, double last, String lastTime) {
        String what = resolution + " bucket " + start;
        assertEquals(resolution, b.resolution(), what);
        assertEquals(at(start), b.start(), what);
        assertEquals(samples, b.samples(), what + " samples");
        assertEquals(count, b.count(), what + " count");
        assertEquals(min, b.min(), what + " min");
        assertEquals(max, b.max(), what + " max");
        assertEquals(mean, b.mean(), 1e-9, what + " mean");
        assertEquals(first, b.first(), what + " first");
        assertEquals(at(firstTime), b.firstTime(), what + " first time");
        assertEquals(last, b.last(), what + " last");
        assertEquals(at(lastTime), b.lastTime(), what + " last time");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + "Z");
    }
}
