package io.wattline.analytics.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At collection a glitch is known only when the rebound arrives: the watch then marks the stored sample
 * BAD with its reason, in the real store, without losing or duplicating it, and the rollups stop
 * counting it; a persistent decrease and a collected negative reading (BAD already) are left alone.
 */
@Timeout(60)
class LiveGlitchWatchTest {

    private static final PointId ENERGY = PointId.parse("line1-power.active_energy_import");
    private static final PointId POWER = PointId.parse("line1-power.active_power");
    private static final Instant T0 = Instant.parse("2026-03-05T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-06T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    /** What the live path does: the historian feed stores the sample, the watch sees it. */
    private static void collect(Historian historian, LiveGlitchWatch watch, Sample s) {
        assertTrue(historian.writer().offer(s));
        watch.onSample(s);
    }

    @Test
    void aLiveGlitchIsMarkedWhenTheReboundArrives() throws InterruptedException {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK);
                LiveGlitchWatch watch = new LiveGlitchWatch(Set.of(ENERGY), CounterJudge.standard(), historian.readings())) {
            // one reading a minute, +0.5 kWh; 01:03 decodes a bus error as 5.0
            double[] values = {1000.0, 1000.5, 1001.0, 5.0, 1002.0, 1002.5};
            for (int i = 0; i < 4; i++) {
                collect(historian, watch, Sample.good(ENERGY, T0.plusSeconds(60L * i), values[i]));
            }
            assertTrue(watch.drain(10));
            historian.writer().flush();
            Instant glitch = T0.plusSeconds(180);
            assertEquals(Quality.GOOD, historian.reader().range(ENERGY, glitch, glitch.plusSeconds(1), 1).get(0).quality(),
                    "not known yet: nothing after it");
            collect(historian, watch, Sample.good(ENERGY, T0.plusSeconds(240), values[4]));
            collect(historian, watch, Sample.good(ENERGY, T0.plusSeconds(300), values[5]));
            collect(historian, watch, Sample.good(POWER, T0.plusSeconds(300), -3.0)); // not a counter: not judged
            assertTrue(watch.drain(10));
            Sample bad = Await.until(() -> historian.reader().range(ENERGY, glitch, glitch.plusSeconds(1), 1).get(0),
                    s -> s.quality() == Quality.BAD, Duration.ofSeconds(10), "the 01:03 reading marked BAD");
            assertEquals(5.0, bad.value());
            assertTrue(bad.reason().contains("glitch") && bad.reason().contains("collection"), bad.reason());

            historian.writer().flush();
            historian.rollUpNow();
            List<Sample> raw = historian.reader().range(ENERGY, T0, T0.plusSeconds(3600), 100);
            assertEquals(6, raw.size(), "nothing lost or duplicated");
            assertEquals(5, raw.stream().filter(Sample::isGood).count());
            Bucket hour = historian.reader().series(ENERGY, T0, T0.plusSeconds(3600), 1).get(0);
            assertEquals(6, hour.samples());
            assertEquals(5, hour.count(), "the hour does not count the glitch");
            assertEquals(1000.0, hour.min());
            assertEquals(Quality.GOOD, historian.reader().range(POWER, T0, T0.plusSeconds(3600), 10).get(0).quality());
        }
    }

    @Test
    void aPersistentDecreaseAndABadReadingAreLeftAlone() throws InterruptedException {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK);
                LiveGlitchWatch watch = new LiveGlitchWatch(Set.of(ENERGY), CounterJudge.standard(), historian.readings())) {
            double[] values = {1000.0, 1000.5, 1001.0, 2.0, 2.5, 3.0, 3.5, 4.0}; // a reset: stays low
            for (int i = 0; i < values.length; i++) {
                collect(historian, watch, Sample.good(ENERGY, T0.plusSeconds(60L * i), values[i]));
            }
            // the collector gives a negative counter reading as BAD with its reason: the watch leaves it as it is
            collect(historian, watch, Sample.bad(ENERGY, T0.plusSeconds(480), "negative counter reading -4.0"));
            collect(historian, watch, Sample.good(ENERGY, T0.plusSeconds(540), 4.5));
            assertTrue(watch.drain(10));
            historian.writer().flush();
            List<Sample> raw = historian.reader().range(ENERGY, T0, T0.plusSeconds(3600), 100);
            assertEquals(10, raw.size());
            assertEquals(9, raw.stream().filter(Sample::isGood).count(), raw.toString());
            assertEquals("negative counter reading -4.0", raw.get(8).reason());
        }
    }

    @Test
    void aGlitchCollectedBeforeARestartIsMarkedWhenItsReboundComesAfterIt() throws InterruptedException {
        Instant glitch = T0.plusSeconds(120);
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            // before the restart: two readings and then a bus error decoded as 7.0, the last thing stored
            try (LiveGlitchWatch before = new LiveGlitchWatch(Set.of(ENERGY), CounterJudge.standard(),
                    historian.readings())) {
                collect(historian, before, Sample.good(ENERGY, T0, 1000.0));
                collect(historian, before, Sample.good(ENERGY, T0.plusSeconds(60), 1000.5));
                collect(historian, before, Sample.good(ENERGY, glitch, 7.0));
                assertTrue(before.drain(10));
            }
            historian.writer().flush();
            // the restart: a new watch knows nothing of its own, it reads the stored readings before its start
            Clock restart = Clock.fixed(T0.plusSeconds(150), ZoneOffset.UTC);
            try (LiveGlitchWatch after = new LiveGlitchWatch(Set.of(ENERGY), CounterJudge.standard(),
                    historian.readings(), restart)) {
                assertTrue(after.drain(10), "seeded");
                assertEquals(Quality.GOOD, historian.reader().range(ENERGY, glitch, glitch.plusSeconds(1), 1).get(0)
                        .quality(), "not known yet: nothing after it");
                collect(historian, after, Sample.good(ENERGY, T0.plusSeconds(180), 1001.5));
                collect(historian, after, Sample.good(ENERGY, T0.plusSeconds(240), 1002.0));
                assertTrue(after.drain(10));
                Sample bad = Await.until(() -> historian.reader().range(ENERGY, glitch, glitch.plusSeconds(1), 1)
                        .get(0), s -> s.quality() == Quality.BAD, Duration.ofSeconds(10), "the 01:02 reading marked BAD");
                assertEquals(7.0, bad.value());
                assertTrue(bad.reason().contains("glitch"), bad.reason());
                historian.writer().flush();
                List<Sample> raw = historian.reader().range(ENERGY, T0, T0.plusSeconds(3600), 100);
                assertEquals(5, raw.size(), "nothing lost or duplicated");
                assertEquals(4, raw.stream().filter(Sample::isGood).count(), raw.toString());
            }
        }
    }
}
