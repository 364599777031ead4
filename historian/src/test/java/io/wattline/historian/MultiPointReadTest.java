package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-point reads ({@link SeriesReader#range(java.util.Collection, Instant, Instant)},
 * {@link SeriesReader#series(java.util.Collection, Instant, Instant, Resolution)}) of the store
 * return exactly what the per-point reads return for each point, and the port's per-point default
 * agrees with the store's one-query implementation.
 */
@Timeout(120)
class MultiPointReadTest {

    private static final Instant T0 = Instant.parse("2026-03-02T05:37:00Z");

    @TempDir
    Path data;

    @Test
    void multiPointReadsEqualPerPointReads() {
        List<PointId> points = List.of(new PointId("m1", "active_energy_import"), new PointId("m2", "active_energy_import"),
                new PointId("m3", "flow"), new PointId("m4", "unread"));
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            Random random = new Random(7);
            for (int i = 0; i < 3 * 240; i++) {
                // three points, irregular times over 4 h, some BAD and UNCERTAIN, some equal-time ties
                PointId p = points.get(i % 3);
                Instant t = T0.plusSeconds(i / 3 * 60L + random.nextInt(50));
                int kind = random.nextInt(20);
                Sample s = kind == 0 ? Sample.bad(p, t, "timeout")
                        : kind == 1 ? new Sample(p, t, i, Quality.UNCERTAIN, "stale") : Sample.good(p, t, i);
                historian.writer().offer(s);
                if (kind == 2) {
                    historian.writer().offer(Sample.good(p, t, i + 0.5));
                }
            }
            historian.writer().offer(Sample.good(points.get(3), T0.minus(Duration.ofDays(1)), 1.0)); // outside every range
            historian.writer().flush();
            historian.rollUpNow();
            SeriesReader reader = historian.reader();
            SeriesReader perPointDefault = perPointOnly(reader);
            Instant from = T0.plusSeconds(17 * 60 + 13);
            Instant to = T0.plus(Duration.ofHours(3)).plusSeconds(5);

            Map<PointId, List<Sample>> raw = reader.range(points, from, to);
            assertEquals(Set.of(points.get(0), points.get(1), points.get(2)), raw.keySet(), "points without samples are absent");
            for (PointId p : points.subList(0, 3)) {
                assertEquals(reader.range(p, from, to, 1_000_000), raw.get(p), "raw of " + p);
                assertFalse(raw.get(p).isEmpty());
            }
            assertEquals(raw, perPointDefault.range(points, from, to), "the port's default");

            for (Resolution r : Resolution.ROLLUPS_COARSEST_FIRST) {
                int count = (int) Duration.between(from, to).dividedBy(r.bucket());
                Map<PointId, List<Bucket>> buckets = reader.series(points, from, to, r);
                assertEquals(3, buckets.size(), "at " + r);
                for (PointId p : points.subList(0, 3)) {
                    assertEquals(reader.series(p, from, to, count), buckets.get(p), p + " at " + r);
                    assertTrue(buckets.get(p).stream().allMatch(b -> b.resolution() == r));
                }
                assertEquals(buckets, perPointDefault.series(points, from, to, r), "the port's default at " + r);
            }
            Map<PointId, List<Bucket>> rawBuckets = reader.series(points, from, to, Resolution.RAW);
            for (PointId p : points.subList(0, 3)) {
                assertEquals(raw.get(p).stream().map(Bucket::of).toList(), rawBuckets.get(p));
            }

            // each point is handed over once, and duplicates in the request do not duplicate rows
            List<PointId> seen = new ArrayList<>();
            reader.rangeEach(List.of(points.get(0), points.get(0), points.get(1)), from, to, (p, s) -> seen.add(p));
            assertEquals(2, seen.size());
            assertEquals(2, new HashSet<>(seen).size());
            assertTrue(reader.range(List.of(), from, to).isEmpty());
        }
    }

    /** The same store seen only through the per-point methods, so the port's defaults answer multi-point reads. */
    private static SeriesReader perPointOnly(SeriesReader store) {
        return new SeriesReader() {
            @Override
            public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
                return store.range(point, from, to, limit);
            }

            @Override
            public List<Bucket> series(PointId point, Instant from, Instant to, int points) {
                return store.series(point, from, to, points);
            }

            @Override
            public Map<PointId, Sample> latest() {
                return store.latest();
            }

            @Override
            public Optional<Sample> latest(PointId point) {
                return store.latest(point);
            }

            @Override
            public List<PointId> points() {
                return store.points();
            }
        };
    }
}
