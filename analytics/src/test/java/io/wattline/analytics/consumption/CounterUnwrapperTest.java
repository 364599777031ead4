package io.wattline.analytics.consumption;

import static io.wattline.analytics.Plant.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.consumption.CounterIssue.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterUnwrapperTest {

    private static final double EPS = 1e-9;

    /** UINT16 register × 0.1 kWh: wrap span (65535 + 1) × 0.1 = 6553.6 kWh. */
    private static final double SPAN_16 = 6553.6;

    private static CounterReading r(String local, double value) {
        return new CounterReading(at(local), value);
    }

    private static long count(UnwrappedCounter c, Kind kind) {
        return c.issues().stream().filter(i -> i.kind() == kind).count();
    }

    // Rollover fixture. Raw readings 6500.0, 6540.0, 10.4, 60.4 at 00:00, :15, :30, :45.
    // 10.4 < 6540.0: a wrap explains it, 10.4 + 6553.6 − 6540.0 = 24.0 (< span / 2).
    // Unwrapped: 6500.0, 6540.0, 6564.0, 6614.0; total = 6614.0 − 6500.0 = 114.0.
    // [00:20, 00:40): C(00:20) = 6540 + 5/15 × 24 = 6548; C(00:40) = 6564 + 10/15 × 50 = 6597.333…
    //   consumption = 49.333…; the wrap lies in (00:15, 00:30], which the period overlaps.
    private static final List<CounterReading> ROLLOVER = List.of(
            r("2026-03-10T00:00", 6500.0), r("2026-03-10T00:15", 6540.0),
            r("2026-03-10T00:30", 10.4), r("2026-03-10T00:45", 60.4));

    @Test
    void rolloverAddsTheWrapSpan() {
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(SPAN_16)).unwrap(ROLLOVER, List.of());
        assertEquals(114.0, c.consumption(at("2026-03-10T00:00"), at("2026-03-10T00:45")).value(), EPS);
        Consumption inner = c.consumption(at("2026-03-10T00:20"), at("2026-03-10T00:40"));
        assertEquals(6597.0 + 1.0 / 3 - 6548.0, inner.value(), EPS);
        assertEquals(1, inner.flags().rollovers());
        assertEquals(0, c.consumption(at("2026-03-10T00:30"), at("2026-03-10T00:45")).flags().rollovers());
        assertEquals(1, count(c, Kind.ROLLOVER));
    }

    @Test
    void withoutAWrapSpanTheSameDropIsAnUndeclaredDecrease() {
        // No wrap span: 10.4 after 6540.0 is unexplained; the step counts 0, so the total is
        // (6540 − 6500) + 0 + (60.4 − 10.4) = 90.0, flagged once.
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(ROLLOVER, List.of());
        Consumption total = c.consumption(at("2026-03-10T00:00"), at("2026-03-10T00:45"));
        assertEquals(90.0, total.value(), EPS);
        assertEquals(1, total.flags().undeclaredDecreases());
        assertEquals(0, total.flags().rollovers());
    }

    @Test
    void aResetOfALargeRegisterIsNotTakenForAWrap() {
        // UINT32 × 0.01 kWh: span 42 949 672.96. 1010 → 5 would be a wrap of 42.9 million kWh,
        // more than half the span, so it is an undeclared decrease: total (1010 − 1000) + 0 + 10 = 20.
        List<CounterReading> readings = List.of(r("2026-03-10T00:00", 1000), r("2026-03-10T00:15", 1010),
                r("2026-03-10T00:30", 5), r("2026-03-10T00:45", 15));
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(42_949_672.96))
                .unwrap(readings, List.of());
        Consumption total = c.consumption(at("2026-03-10T00:00"), at("2026-03-10T00:45"));
        assertEquals(20.0, total.value(), EPS);
        assertEquals(1, total.flags().undeclaredDecreases());
        assertEquals(1005.0, c.issues().stream().filter(i -> i.kind() == Kind.UNDECLARED_DECREASE)
                .findFirst().orElseThrow().amount(), EPS);
    }

    // Meter replacement fixture. Old meter: 10:00 1200.0, 10:15 1210.0; replaced at 10:20 with old
    // final 1213.0 and new initial 0.5; new meter: 10:30 4.5, 10:45 14.5.
    // Unwrapped knots: 1200, 1210, 1213 (10:20), 1213 + (4.5 − 0.5) = 1217, 1217 + 10 = 1227.
    // Total 10:00-10:45 = (1213 − 1200) + (14.5 − 0.5) = 27.0.
    // [10:15, 10:30) = 1217 − 1210 = 7.0 = 3.0 on the old meter + 4.0 on the new.
    @Test
    void declaredReplacementIsBridgedWithItsReadings() {
        List<CounterReading> readings = List.of(r("2026-03-10T10:00", 1200.0), r("2026-03-10T10:15", 1210.0),
                r("2026-03-10T10:30", 4.5), r("2026-03-10T10:45", 14.5));
        CounterEvent replaced = new CounterEvent(at("2026-03-10T10:20"), CounterEvent.Kind.REPLACEMENT, 1213.0, 0.5);
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(SPAN_16))
                .unwrap(readings, List.of(replaced));
        Consumption total = c.consumption(at("2026-03-10T10:00"), at("2026-03-10T10:45"));
        assertEquals(27.0, total.value(), EPS);
        assertEquals(1, total.flags().declaredResets());
        assertEquals(0, total.flags().undeclaredDecreases());
        assertEquals(0, total.flags().rollovers());
        assertEquals(7.0, c.consumption(at("2026-03-10T10:15"), at("2026-03-10T10:30")).value(), EPS);
        assertEquals(1213.0, c.valueAt(at("2026-03-10T10:20")), EPS);
        assertEquals(5, c.knots().size());
    }

    @Test
    void aReadingAtTheEventInstantBelongsToTheNewRegister() {
        // Reset at 10:15 (old final 1210, new initial 0); the 10:15 reading 0.0 is the new register's.
        // Knots: 10:00 1200, 10:15 1210, 10:30 1210 + 6 = 1216.
        List<CounterReading> readings = List.of(r("2026-03-10T10:00", 1200.0), r("2026-03-10T10:15", 0.0),
                r("2026-03-10T10:30", 6.0));
        CounterEvent reset = new CounterEvent(at("2026-03-10T10:15"), CounterEvent.Kind.RESET, 1210.0, 0.0);
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(readings, List.of(reset));
        assertEquals(3, c.knots().size());
        assertEquals(16.0, c.consumption(at("2026-03-10T10:00"), at("2026-03-10T10:30")).value(), EPS);
        assertEquals(0, count(c, Kind.UNDECLARED_DECREASE));
    }

    @Test
    void duplicatesAndOutOfOrderReadingsAreResolvedTheSameWayWhateverTheArrivalOrder() {
        // 00:15 arrives before 00:00 (out of order), 00:15 twice with 20.0 (duplicate), and 00:30
        // as 30.0 and 31.0 (conflict: the larger, 31.0, is kept). Knots 10, 20, 31; total 21.
        List<CounterReading> arrived = List.of(r("2026-03-10T00:15", 20.0), r("2026-03-10T00:00", 10.0),
                r("2026-03-10T00:15", 20.0), r("2026-03-10T00:30", 30.0), r("2026-03-10T00:30", 31.0));
        CounterUnwrapper unwrapper = new CounterUnwrapper(CounterSettings.wrappingAt(0));
        UnwrappedCounter c = unwrapper.unwrap(arrived, List.of());
        assertEquals(List.of(r("2026-03-10T00:00", 10.0), r("2026-03-10T00:15", 20.0),
                r("2026-03-10T00:30", 31.0)), c.knots());
        assertEquals(1, count(c, Kind.OUT_OF_ORDER));
        assertEquals(1, count(c, Kind.DUPLICATE));
        assertEquals(1, count(c, Kind.CONFLICTING_DUPLICATE));
        assertEquals(3, c.consumption(at("2026-03-10T00:00"), at("2026-03-10T00:45")).flags().repairedReadings());
        assertEquals(0, c.consumption(at("2026-03-10T00:16"), at("2026-03-10T00:29")).flags().repairedReadings());
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<CounterReading> shuffled = new ArrayList<>(arrived);
            Collections.shuffle(shuffled, random);
            assertEquals(c.knots(), unwrapper.unwrap(shuffled, List.of()).knots());
        }
    }

    @ParameterizedTest
    @CsvSource({
            // jitter tolerance, expected repaired readings, expected total 00:00-00:30
            // readings 100.0, 99.995, 110.0: with tolerance 0.01 the −0.005 dip is jitter, kept as
            // read (total 110 − 100 = 10); with none it is a decrease that the next reading undoes,
            // a glitch: 99.995 is excluded and the total is still 110 − 100 = 10, flagged repaired.
            "0.01, 0, 10.0",
            "0.0,  1, 10.0",
    })
    void jitterWithinTheToleranceIsKeptAsRead(double tolerance, int repaired, double total) {
        List<CounterReading> readings = List.of(r("2026-03-10T00:00", 100.0), r("2026-03-10T00:15", 99.995),
                r("2026-03-10T00:30", 110.0));
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0).withDecreaseTolerance(tolerance))
                .unwrap(readings, List.of());
        Consumption all = c.consumption(at("2026-03-10T00:00"), at("2026-03-10T00:30"));
        assertEquals(total, all.value(), 1e-9);
        assertEquals(0, all.flags().undeclaredDecreases());
        assertEquals(repaired, all.flags().repairedReadings());
    }

    @Test
    void outsideTheReadingsTheCounterIsHeldAndTheTimeFlagged() {
        // Readings 10:00 50.0 and 11:00 80.0; [09:00, 12:00) gets 30.0 and 2 h (7200 s) uncovered.
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0).withGapThreshold(Duration.ofHours(2)))
                .unwrap(List.of(r("2026-03-10T10:00", 50.0), r("2026-03-10T11:00", 80.0)), List.of());
        Consumption wide = c.consumption(at("2026-03-10T09:00"), at("2026-03-10T12:00"));
        assertEquals(30.0, wide.value(), EPS);
        assertEquals(7200, wide.flags().uncoveredSeconds());
        assertTrue(c.consumption(at("2026-03-10T10:00"), at("2026-03-10T11:00")).flags().clean());
    }

    @Test
    void anEmptySeriesGivesZeroFlaggedNoData() {
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(List.of(), List.of());
        Consumption none = c.consumption(at("2026-03-10T00:00"), at("2026-03-10T01:00"));
        assertEquals(0.0, none.value());
        assertTrue(none.flags().noData());
        assertEquals(3600, none.flags().uncoveredSeconds());
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        UnwrappedCounter c = new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(ROLLOVER, List.of());
        assertThrows(IllegalArgumentException.class,
                () -> c.consumption(at("2026-03-10T01:00"), at("2026-03-10T00:00")));
    }
}
