package io.wattline.analytics.consumption;

import static io.wattline.analytics.Plant.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.consumption.CounterIssue.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The glitch rule (docs/accounting.md, "Glitches and the plausibility limit"): a decrease that the
 * following readings undo, a single high reading, a negative reading and a reading above the
 * plausibility limit are excluded and flagged; a decrease that persists is still an undeclared reset.
 */
class GlitchRuleTest {

    private static final Instant T0 = at("2026-03-10T00:00");
    private static final Set<Kind> EXCLUDED = EnumSet.of(Kind.GLITCH_LOW, Kind.GLITCH_HIGH, Kind.NEGATIVE_READING,
            Kind.IMPLAUSIBLE_READING);

    private static CounterReading r(int quarter, double value) {
        return new CounterReading(T0.plus(Duration.ofMinutes(15L * quarter)), value);
    }

    private static Set<Instant> excludedTimes(UnwrappedCounter c) {
        return c.issues().stream().filter(i -> EXCLUDED.contains(i.kind())).map(CounterIssue::from)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theIssuesDroppedDigitBooksTheShiftAsRead() {
        // A shift 08:00-16:00 read every 15 min at +10 kWh (320 kWh in 32 quarters) from 45,000.0;
        // the 09:00 reading lost a digit: 4,504.0 instead of 45,040.0. Before the rule the step down
        // counted 0 and the rebound 40,546 kWh was booked. Now 4,504.0 is excluded and the shift is
        // 45,320.0 − 45,000.0 = 320 kWh, flagged with one repaired reading.
        List<CounterReading> readings = new ArrayList<>();
        for (int q = 0; q <= 32; q++) {
            readings.add(r(q, q == 4 ? 4504.0 : 45000.0 + 10.0 * q));
        }
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of());
        Consumption shift = c.consumption(T0, T0.plus(Duration.ofHours(8)));
        assertEquals(320.0, shift.value(), 1e-9);
        assertEquals(1, shift.flags().repairedReadings());
        assertEquals(0, shift.flags().undeclaredDecreases());
        // the hour around the glitch is bridged: C(01:00) interpolates 45,030 and 45,050
        assertEquals(10.0, c.consumption(T0.plus(Duration.ofMinutes(45)), T0.plus(Duration.ofMinutes(60))).value(),
                1e-9);
        // the 15-minute demand of that block is 10 kWh × 4 = 40 kW, not 162,184 kW
    }

    @Test
    void aPersistentResetIsStillAnUndeclaredDecrease() {
        // 100, 110, 120, then the register restarts: 3, 13, 23, 33, 43 (more than the glitch window).
        // Booked: 20 + 0 (the step down, flagged) + 40 = 60.
        List<CounterReading> readings = List.of(r(0, 100), r(1, 110), r(2, 120), r(3, 3), r(4, 13), r(5, 23), r(6, 33),
                r(7, 43));
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of());
        Consumption all = c.consumption(T0, T0.plus(Duration.ofMinutes(105)));
        assertEquals(60.0, all.value(), 1e-9);
        assertEquals(1, all.flags().undeclaredDecreases());
        assertEquals(0, all.flags().repairedReadings());
    }

    @Test
    void aLowRunLongerThanTheWindowIsAReset() {
        // 100, 5, 6, 7, 8, 130: four low readings > window 3, so the decrease is a reset: 0 + 3 + 122... the
        // step 8 → 130 is a plain increase (122) and the step 100 → 5 counts 0: 3 + 122 = 125.
        List<CounterReading> readings = List.of(r(0, 100), r(1, 5), r(2, 6), r(3, 7), r(4, 8), r(5, 130));
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of());
        assertEquals(125.0, c.consumption(T0, T0.plus(Duration.ofMinutes(75))).value(), 1e-9);
        // with a window of 4 the same low readings are glitches: 130 − 100 = 30
        UnwrappedCounter wide = new CounterUnwrapper(CounterSettings.wrappingAt(0).withGlitchWindow(4))
                .unwrap(readings, List.of());
        assertEquals(30.0, wide.consumption(T0, T0.plus(Duration.ofMinutes(75))).value(), 1e-9);
        assertEquals(4, excludedTimes(wide).size());
    }

    @Test
    void aLowGlitchAtARolloverIsNotAWrap() {
        // UINT16 × 0.1 span 6553.6: 6540.0, then a glitch 5.0 (a wrap would explain it: +18.6), then
        // 6545.0 (back above 6540.0): 5.0 is excluded and 6540 → 6545 is 5 kWh.
        List<CounterReading> readings = List.of(r(0, 6535.0), r(1, 6540.0), r(2, 5.0), r(3, 6545.0));
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(6553.6)).unwrap(readings, List.of());
        Consumption all = c.consumption(T0, T0.plus(Duration.ofMinutes(45)));
        assertEquals(10.0, all.value(), 1e-9);
        assertEquals(0, all.flags().rollovers());
        assertEquals(1, all.flags().repairedReadings());
    }

    @Test
    void theFirstReadingAfterADeclaredResetIsNoGlitch() {
        // a declared reset at 00:30 (old final 120, new initial 0): 3 after it is the new register's
        List<CounterReading> readings = List.of(r(0, 100), r(1, 110), r(3, 3), r(4, 13));
        CounterEvent reset = new CounterEvent(T0.plus(Duration.ofMinutes(30)), CounterEvent.Kind.RESET, 120, 0);
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of(reset));
        assertEquals(33.0, c.consumption(T0, T0.plus(Duration.ofMinutes(60))).value(), 1e-9);
        assertTrue(excludedTimes(c).isEmpty());
    }

    @Test
    void anIncreaseAboveThePlausibilityLimitIsQuarantined() {
        // limit 100 kW: 15 minutes allow 25 kWh. 1000, 1010, 9999 (implies 35,956 kW), 1030, 1040:
        // 9999 is excluded; 1040 − 1000 = 40.
        CounterSettings limited = CounterSettings.wrappingAt(0).withMaxRatePerHour(100);
        UnwrappedCounter spike = new CounterUnwrapper(limited)
                .unwrap(List.of(r(0, 1000), r(1, 1010), r(2, 9999), r(3, 1030), r(4, 1040)), List.of());
        assertEquals(40.0, spike.consumption(T0, T0.plus(Duration.ofMinutes(60))).value(), 1e-9);
        assertEquals(1, excludedTimes(spike).size());
        // a jump that persists (1010 → 5010, then +10 a quarter) is never booked: the step counts 0,
        // flagged: 10 + 0 + 10 + 10 = 30
        UnwrappedCounter jump = new CounterUnwrapper(limited)
                .unwrap(List.of(r(0, 1000), r(1, 1010), r(2, 5010), r(3, 5020), r(4, 5030), r(5, 5040), r(6, 5050)),
                        List.of());
        Consumption all = jump.consumption(T0, T0.plus(Duration.ofMinutes(90)));
        assertEquals(50.0, all.value(), 1e-9);
        assertEquals(1, jump.issues().stream().filter(i -> i.kind() == Kind.IMPLAUSIBLE_STEP).count());
        assertEquals(1, all.flags().repairedReadings());
    }

    /** Injected glitch kinds of the property test. */
    private enum Glitch { LOW, DROPPED_DIGIT, HIGH, NEGATIVE, ZERO }

    @Test
    void randomSeriesWithGlitchesBookTheSeriesWithoutThem() {
        Random random = new Random(20261202L);
        for (int run = 0; run < 2000; run++) {
            int n = 20 + random.nextInt(200);
            double[] truth = new double[n];
            truth[0] = 1000 + random.nextDouble() * 1e6;
            for (int i = 1; i < n; i++) {
                truth[i] = truth[i - 1] + (random.nextInt(10) == 0 ? 0 : random.nextDouble() * 50);
            }
            double[] read = truth.clone();
            Set<Instant> injected = new TreeSet<>();
            for (int i = 2; i < n - 2; i += 4 + random.nextInt(10)) {
                Glitch g = Glitch.values()[random.nextInt(Glitch.values().length)];
                read[i] = switch (g) {
                    case LOW -> truth[i - 1] * random.nextDouble() * 0.99;
                    case DROPPED_DIGIT -> Math.floor(truth[i] / 10);
                    case HIGH -> truth[i + 1] + 1000 + random.nextDouble() * 1e7;
                    case NEGATIVE -> -truth[i];
                    case ZERO -> 0.0;
                };
                injected.add(r(i, 0).time());
            }
            List<CounterReading> readings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                readings.add(r(i, read[i]));
            }
            UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of());
            Consumption all = c.consumption(T0, r(n - 1, 0).time());
            String context = "run " + run + ", injected at " + injected;
            assertEquals(truth[n - 1] - truth[0], all.value(), 0.001, context);
            assertEquals(injected, excludedTimes(c), context);
            assertEquals(0, all.flags().undeclaredDecreases(), context);
        }
    }

    @Test
    void randomSeriesWithAPersistentResetAreBridgedAsBefore() {
        Random random = new Random(14L);
        for (int run = 0; run < 500; run++) {
            int n = 20 + random.nextInt(100);
            int resetAt = 2 + random.nextInt(n - 2 - CounterSettings.DEFAULT_GLITCH_WINDOW - 1);
            List<CounterReading> readings = new ArrayList<>();
            double value = 1000 + random.nextDouble() * 1e5;
            double booked = 0;
            for (int i = 0; i < n; i++) {
                double step = 1 + random.nextDouble() * 20;
                if (i == resetAt) {
                    value = random.nextDouble() * 10; // restarts near zero: the step counts 0
                } else if (i > 0) {
                    value += step;
                    booked += step;
                }
                readings.add(r(i, value));
            }
            UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of());
            Consumption all = c.consumption(T0, r(n - 1, 0).time());
            assertEquals(booked, all.value(), 0.001, "run " + run + ", reset at " + resetAt);
            assertEquals(1, all.flags().undeclaredDecreases(), "run " + run);
            assertTrue(excludedTimes(c).isEmpty(), "run " + run);
        }
    }
}
