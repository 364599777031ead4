package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import io.wattline.historian.StoredSample;
import io.wattline.historian.forward.LineProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same samples in the local store and in a real influxd 1.x (site tag "site-a", next to another
 * site's samples under the same device and point names): the InfluxDB reader answers every read
 * the analytics make (raw ranges, rollups at 1 h / 15 min / 1 min, multi-point reads, latest)
 * exactly as the local store does, so accounting on a central node equals accounting on the edge.
 */
@Tag("integration")
@Timeout(120)
class InfluxSeriesReaderTest {

    private static final PointId ENERGY = new PointId("mdb-main", "active_energy_import");
    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final Instant H6 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void readsTheSameAsTheLocalStore() throws Exception {
        List<Sample> samples = new ArrayList<>();
        // a counter over two hours: GOOD every 7 s, a BAD reading, an UNCERTAIN one, sub-second times
        for (int i = 0; i < 2 * 3600 / 7; i++) {
            Instant t = H6.plusSeconds(7L * i).plusMillis(123);
            Quality q = i == 100 ? Quality.BAD : i == 200 ? Quality.UNCERTAIN : Quality.GOOD;
            double v = q == Quality.BAD ? Double.NaN : 1000.0 + i * 0.0137;
            samples.add(new Sample(ENERGY, t, v, q, q == Quality.GOOD ? "" : "test"));
            samples.add(Sample.good(POWER, t, 40 + Math.sin(i)));
        }
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant");
                Historian local = Historian.open(dir.resolve("local"), HistorianOptions.defaults(), Optional.empty())) {
            samples.forEach(local.writer()::offer);
            local.writer().flush();
            local.rollUpNow();
            write(influxd, "site-a", samples);
            List<Sample> otherSite = samples.stream().map(s -> new Sample(s.point(), s.time(), s.value() * 2,
                    s.quality(), s.reason())).toList();
            write(influxd, "site-b", otherSite);

            try (InfluxSeriesReader central = new InfluxSeriesReader(
                    new InfluxQueries(InfluxOptions.of(influxd.url(), "plant", "site-a")), List.of(ENERGY, POWER))) {
                SeriesReader edge = local.reader();
                Instant to = H6.plus(Duration.ofHours(2));
                Instant midFrom = H6.plusSeconds(1234);
                Instant midTo = H6.plusSeconds(5678);
                assertSame(edge.range(ENERGY, midFrom, midTo, 10_000), central.range(ENERGY, midFrom, midTo, 10_000), "range");
                assertSame(edge.range(ENERGY, H6, to, 17), central.range(ENERGY, H6, to, 17), "limit");
                for (int points : new int[] {2, 3, 8, 120, 200}) {
                    List<Bucket> expected = edge.series(ENERGY, H6, to, points);
                    assertFalse(expected.isEmpty());
                    assertSame(expected, central.series(ENERGY, H6, to, points), points + " points");
                }
                for (Resolution r : Resolution.values()) {
                    Map<PointId, List<Bucket>> expected = edge.series(List.of(ENERGY, POWER), midFrom, midTo, r);
                    Map<PointId, List<Bucket>> got = central.series(List.of(ENERGY, POWER), midFrom, midTo, r);
                    assertEquals(expected.keySet(), got.keySet(), r.name());
                    expected.forEach((p, buckets) -> assertSame(buckets, got.get(p), r + " " + p));
                }
                Map<PointId, List<Sample>> edgeBoth = edge.range(List.of(ENERGY, POWER), midFrom, midTo);
                Map<PointId, List<Sample>> centralBoth = central.range(List.of(ENERGY, POWER), midFrom, midTo);
                assertEquals(edgeBoth.keySet(), centralBoth.keySet());
                edgeBoth.forEach((p, list) -> assertSame(list, centralBoth.get(p), "multi-point range " + p));
                assertEquals(edge.latest(ENERGY).map(Sample::value), central.latest(ENERGY).map(Sample::value));
                assertEquals(edge.latest().keySet(), central.latest().keySet());
            }
        }
    }

    /**
     * Equal lists, compared as time, value and quality (InfluxDB keeps no reason text), buckets field by
     * field with the mean to 12 significant digits (the edge adds up a bucket's sum from finer buckets and
     * from step to step, InfluxDB from the samples: the last bit may differ), reporting the first difference
     * only.
     */
    private static void assertSame(List<?> expected, List<?> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(key(expected.get(i)), key(actual.get(i)), what + ": element " + i);
        }
    }

    private static Object key(Object o) {
        if (o instanceof Bucket b) {
            return b.start() + " " + b.resolution() + " " + b.samples() + " " + b.count() + " " + b.min() + " " + b.max()
                    + " " + String.format(Locale.ROOT, "%.12g", b.mean()) + " " + b.first() + " "
                    + b.firstTime() + " " + b.last() + " " + b.lastTime();
        }
        return o instanceof Sample s ? s.time() + " " + s.value() + " " + s.quality() : o;
    }

    private static void write(LocalInfluxd influxd, String site, List<Sample> samples) throws Exception {
        List<StoredSample> stored = new ArrayList<>();
        for (Sample s : samples) {
            stored.add(new StoredSample(stored.size() + 1, s));
        }
        List<String> lines = new LineProtocol("wattline", site).encode(stored);
        new InfluxLineWriter(InfluxOptions.of(influxd.url(), "plant", site), Duration.ofSeconds(30)).write(lines);
    }
}
