package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CounterSource#readAll} (one multi-point historian read) gives each counter exactly what
 * {@link CounterSource#read} gives it alone, at every resolution, including counters that need the
 * widening search on one side (no reading within the margin before or after the range), a counter
 * with a declared reset, and one with no readings at all.
 */
class CounterSourceTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T06:00:00Z");
    private static final MeteredPoint STEADY = point("steady");
    private static final MeteredPoint LATE_START = point("late");     // first reading 3 h before FROM, then none until 20 min after
    private static final MeteredPoint EARLY_END = point("early");     // no reading from 50 min before TO until 5 h after
    private static final MeteredPoint RESET = point("reset");         // reset to 0 at 02:00:30
    private static final MeteredPoint SILENT = point("silent");       // never read
    private static final List<CounterEvent> RESETS = List.of(
            new CounterEvent(FROM.plus(Duration.ofMinutes(120)).plusSeconds(30), CounterEvent.Kind.RESET, 620.5, 0));

    @BeforeAll
    static void write() {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        for (int minute = -12 * 60; minute <= 12 * 60; minute++) {
            Instant t = FROM.plus(Duration.ofMinutes(minute)).plusSeconds(7);
            offer(STEADY, t, 1000 + 2.5 * minute);
            if (minute == -180 || minute >= 20) {
                offer(LATE_START, t, 500 + 1.5 * minute); // positive from the first reading: a counter never reads below 0
            }
            if (minute < 6 * 60 - 50 || minute >= 11 * 60) {
                offer(EARLY_END, t, 7 + 0.75 * minute);
            }
            offer(RESET, t, minute < 120 ? 500 + minute : 0.5 * (minute - 120));
        }
        historian.writer().flush();
        historian.rollUpNow();
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    @ParameterizedTest
    @EnumSource(Resolution.class)
    void readAllEqualsReadingEachCounterAlone(Resolution resolution) {
        CounterSource source = new CounterSource(historian.reader(), Duration.ofMinutes(30), Duration.ofDays(35));
        List<MeteredPoint> points = List.of(STEADY, LATE_START, EARLY_END, RESET, SILENT);
        Map<PointId, List<CounterEvent>> events = Map.of(RESET.point(), RESETS);
        Map<PointId, UnwrappedCounter> all = source.readAll(points, FROM, TO, resolution, events);
        assertEquals(points.size(), all.size());
        for (MeteredPoint p : points) {
            UnwrappedCounter alone = source.read(p, FROM, TO, resolution, events.getOrDefault(p.point(), List.of()));
            UnwrappedCounter together = all.get(p.point());
            assertEquals(alone.knots(), together.knots(), p.meterId() + " at " + resolution);
            assertEquals(alone.issues(), together.issues(), p.meterId() + " at " + resolution);
            if (!alone.isEmpty()) {
                assertEquals(alone.consumption(FROM, TO), together.consumption(FROM, TO));
            }
        }
        assertTrue(all.get(SILENT.point()).isEmpty());
        // the widening search found the far readings on both paths
        assertEquals(FROM.minus(Duration.ofHours(3)).plusSeconds(7), all.get(LATE_START.point()).firstTime().orElseThrow());
        assertTrue(all.get(EARLY_END.point()).lastTime().orElseThrow().isAfter(TO.plus(Duration.ofHours(4))));
    }

    private static MeteredPoint point(String meter) {
        return new MeteredPoint(meter, new PointId(meter, "active_energy_import"), Quantity.ACTIVE_ENERGY_IMPORT, 1e9);
    }

    private static void offer(MeteredPoint p, Instant t, double value) {
        historian.writer().offer(Sample.good(p.point(), t, value));
    }
}
