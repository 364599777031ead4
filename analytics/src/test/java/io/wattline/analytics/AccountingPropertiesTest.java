package io.wattline.analytics;

import static io.wattline.analytics.Plant.SHIFTS;
import static io.wattline.analytics.Plant.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.demand.BlockDemand;
import io.wattline.analytics.demand.DemandCalculator;
import io.wattline.analytics.period.DayConsumption;
import io.wattline.analytics.period.PeriodAccounting;
import io.wattline.analytics.period.PeriodKind;
import io.wattline.analytics.tariff.BandCost;
import io.wattline.analytics.tariff.CostBreakdown;
import io.wattline.analytics.tariff.TariffCostCalculator;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.tariff.TariffSeason;
import io.wattline.core.tariff.TouTariff;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TariffPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random counter series with known truth (wraps, declared resets and replacements, gaps,
 * out-of-order and duplicated readings): every way of cutting the range adds up to the truth.
 */
class AccountingPropertiesTest {

    private static final int CASES = 300;
    private static final PeriodAccounting ACCOUNTING = new PeriodAccounting(SHIFTS, ZONE);
    private static final List<TouTariff> TARIFFS = TariffFileLoader.BUNDLED.stream()
            .map(TariffFileLoader::bundled).toList();

    static LongStream seeds() {
        return LongStream.range(0, CASES).map(i -> 0x5eed0000L + i);
    }

    /** A generated series: what the meter reported, and the true cumulative energy at each knot. */
    record Generated(List<CounterReading> arrived, List<CounterEvent> events, double span,
            List<Instant> knotTimes, List<Double> truth, int wraps, double rawFirst, double rawLast) {
    }

    static Generated generate(long seed) {
        return generate(seed, LocalDateTime.of(2026, 1, 1, 0, 0).atZone(ZONE).toInstant(), 365 * 86400);
    }

    /** A series starting within {@code spreadSeconds} after {@code earliest}. */
    static Generated generate(long seed, Instant earliest, int spreadSeconds) {
        Random rnd = new Random(seed);
        double[] spans = {0.0, 2000.0, 6553.6};
        double span = spans[rnd.nextInt(spans.length)];
        Instant t = earliest.plusSeconds(rnd.nextInt(spreadSeconds));
        double segmentBase = span > 0 ? rnd.nextDouble() * span : rnd.nextDouble() * 1e5;
        double segmentStart = 0; // true energy at which the current register started
        double energy = 0;
        List<CounterReading> readings = new ArrayList<>();
        List<CounterEvent> events = new ArrayList<>();
        List<Instant> knotTimes = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        int wraps = 0;
        double raw = raw(segmentBase, energy - segmentStart, span);
        readings.add(new CounterReading(t, raw));
        knotTimes.add(t);
        truth.add(energy);
        double rawFirst = raw;
        int steps = 20 + rnd.nextInt(600);
        for (int s = 0; s < steps; s++) {
            long seconds = rnd.nextInt(100) < 3 ? 1800 + rnd.nextInt(9000) : 60 + rnd.nextInt(1140);
            double kwhPerMinute = rnd.nextInt(10) == 0 ? 0.0 : rnd.nextDouble() * 2.0;
            Instant next = t.plusSeconds(seconds).plusMillis(rnd.nextInt(1000));
            if (rnd.nextInt(100) < 2) {
                // a declared reset or replacement strictly between two readings
                Instant at = t.plusMillis(1 + rnd.nextInt((int) Duration.between(t, next).toMillis() - 1));
                energy += kwhPerMinute * Duration.between(t, at).toNanos() / 60e9;
                double oldFinal = raw(segmentBase, energy - segmentStart, span);
                wraps += wrapsBetween(segmentBase, raw, oldFinal, span);
                segmentBase = rnd.nextDouble() * 10;
                segmentStart = energy;
                CounterEvent.Kind kind = rnd.nextBoolean() ? CounterEvent.Kind.RESET : CounterEvent.Kind.REPLACEMENT;
                events.add(new CounterEvent(at, kind, oldFinal, segmentBase));
                knotTimes.add(at);
                truth.add(energy);
                raw = segmentBase;
                t = at;
            }
            energy += kwhPerMinute * Duration.between(t, next).toNanos() / 60e9;
            double nextRaw = raw(segmentBase, energy - segmentStart, span);
            wraps += wrapsBetween(segmentBase, raw, nextRaw, span);
            raw = nextRaw;
            t = next;
            readings.add(new CounterReading(t, raw));
            knotTimes.add(t);
            truth.add(energy);
        }
        List<CounterReading> arrived = new ArrayList<>(readings);
        for (int i = 1; i < arrived.size(); i++) {
            if (rnd.nextInt(100) < 5) {
                Collections.swap(arrived, i - 1, i); // late delivery
            }
        }
        for (int i = 0; i < readings.size() / 30; i++) {
            arrived.add(rnd.nextInt(arrived.size()), readings.get(rnd.nextInt(readings.size()))); // resent
        }
        return new Generated(arrived, events, span, knotTimes, truth, wraps, rawFirst, raw);
    }

    @org.junit.jupiter.api.Test
    void theGeneratorCoversTheHardCases() {
        int withWraps = 0;
        int withEvents = 0;
        int withGaps = 0;
        int withReordering = 0;
        int withDuplicates = 0;
        for (long seed : seeds().toArray()) {
            Generated g = generate(seed);
            List<CounterIssue> issues = unwrap(g).issues();
            withWraps += g.wraps() > 0 ? 1 : 0;
            withEvents += g.events().isEmpty() ? 0 : 1;
            withGaps += issues.stream().anyMatch(i -> i.kind() == CounterIssue.Kind.GAP) ? 1 : 0;
            withReordering += issues.stream().anyMatch(i -> i.kind() == CounterIssue.Kind.OUT_OF_ORDER) ? 1 : 0;
            withDuplicates += issues.stream().anyMatch(i -> i.kind() == CounterIssue.Kind.DUPLICATE) ? 1 : 0;
        }
        String counts = "wraps " + withWraps + ", events " + withEvents + ", gaps " + withGaps + ", reordering "
                + withReordering + ", duplicates " + withDuplicates + " of " + CASES;
        org.junit.jupiter.api.Assertions.assertTrue(withWraps >= CASES / 10 && withEvents >= CASES / 10
                && withGaps >= CASES / 10 && withReordering >= CASES / 10 && withDuplicates >= CASES / 10, counts);
    }

    private static double raw(double base, double sinceStart, double span) {
        double value = base + sinceStart;
        return span > 0 ? value % span : value;
    }

    private static int wrapsBetween(double base, double before, double after, double span) {
        return span > 0 && after < before ? 1 : 0;
    }

    private static UnwrappedCounter unwrap(Generated g) {
        return new CounterUnwrapper(CounterSettings.wrappingAt(g.span())).unwrap(g.arrived(), g.events());
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-7 * Math.max(1.0, Math.abs(expected)), what);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unwrappedCounterFollowsTheTruthAtEveryKnot(long seed) {
        Generated g = generate(seed);
        UnwrappedCounter c = unwrap(g);
        double origin = c.valueAt(g.knotTimes().get(0));
        for (int i = 0; i < g.knotTimes().size(); i++) {
            near(g.truth().get(i) - g.truth().get(0), c.valueAt(g.knotTimes().get(i)) - origin, "knot " + i);
        }
        assertEquals(g.wraps(), c.issues().stream().filter(i -> i.kind() == CounterIssue.Kind.ROLLOVER).count());
        assertEquals(0, c.issues().stream().filter(i -> i.kind() == CounterIssue.Kind.UNDECLARED_DECREASE).count());
        // last − first, corrected by the declared resets (old final − new initial) and the wraps
        double declared = g.events().stream().mapToDouble(e -> e.oldFinal() - e.newInitial()).sum();
        double total = g.truth().get(g.truth().size() - 1) - g.truth().get(0);
        near(total, g.rawLast() - g.rawFirst() + declared + g.wraps() * g.span(), "last − first ± resets");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shiftsDaysCrewsAndMonthsAllAddUpToTheTotal(long seed) {
        Generated g = generate(seed);
        UnwrappedCounter c = unwrap(g);
        Instant first = g.knotTimes().get(0);
        Instant last = g.knotTimes().get(g.knotTimes().size() - 1);
        double total = g.truth().get(g.truth().size() - 1) - g.truth().get(0);

        near(total, ACCOUNTING.perShift(c, first, last).stream().mapToDouble(s -> s.consumption().value()).sum(),
                "Σ shifts");
        near(total, ACCOUNTING.perCrew(c, first, last).stream().mapToDouble(x -> x.value()).sum(), "Σ crews");
        for (PeriodKind kind : PeriodKind.values()) {
            near(total, ACCOUNTING.perPeriod(c, kind, first, last).stream()
                    .mapToDouble(p -> p.consumption().value()).sum(), "Σ " + kind);
        }
        List<DayConsumption> days = ACCOUNTING.perProductionDay(c, first, last);
        near(total, days.stream().mapToDouble(d -> d.total().value()).sum(), "Σ production days");
        for (DayConsumption day : days) {
            near(day.total().value(), day.shifts().stream().mapToDouble(s -> s.consumption().value()).sum(),
                    "Σ shifts of " + day.day());
        }
    }

    /** Berlin skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25. */
    @ParameterizedTest
    @MethodSource("seeds")
    void sumsHoldAcrossDaylightSavingChanges(long seed) {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        Instant around = (seed % 2 == 0 ? LocalDateTime.of(2026, 3, 27, 0, 0) : LocalDateTime.of(2026, 10, 23, 0, 0))
                .atZone(berlin).toInstant();
        Generated g = generate(seed, around, 86400);
        UnwrappedCounter c = unwrap(g);
        Instant first = g.knotTimes().get(0);
        Instant last = g.knotTimes().get(g.knotTimes().size() - 1);
        double total = g.truth().get(g.truth().size() - 1) - g.truth().get(0);
        PeriodAccounting accounting = new PeriodAccounting(SHIFTS, berlin);
        near(total, accounting.perShift(c, first, last).stream().mapToDouble(s -> s.consumption().value()).sum(),
                "Σ shifts");
        near(total, accounting.perPeriod(c, PeriodKind.DAY, first, last).stream()
                .mapToDouble(p -> p.consumption().value()).sum(), "Σ days");
        for (TouTariff tariff : TARIFFS) {
            CostBreakdown cost = new TariffCostCalculator(tariff, berlin).cost(c, first, last);
            near(total, cost.bands().stream().mapToDouble(BandCost::energyKwh).sum(), tariff.id() + " Σ bands");
        }
        Instant from = first.truncatedTo(ChronoUnit.HOURS);
        Instant to = last.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        List<BlockDemand> blocks = new DemandCalculator(berlin).blocks(c, from, to);
        assertEquals(Duration.between(from, to).toMinutes() / 15, blocks.size());
        near(c.valueAt(to) - c.valueAt(from), blocks.stream().mapToDouble(b -> b.kw() / 4).sum(), "Σ blocks");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void flagsOfEveryShiftMatchAPlainScanOfTheIssues(long seed) {
        Generated g = generate(seed);
        UnwrappedCounter c = unwrap(g);
        Instant first = g.knotTimes().get(0).minus(Duration.ofHours(3));
        Instant last = g.knotTimes().get(g.knotTimes().size() - 1).plus(Duration.ofHours(3));
        for (var shift : ACCOUNTING.perShift(c, first, last)) {
            Instant a = shift.slice().start();
            Instant b = shift.slice().end();
            int rollovers = 0;
            int declared = 0;
            int repaired = 0;
            long gapSeconds = 0;
            for (CounterIssue issue : c.issues()) {
                boolean instant = issue.from().equals(issue.to());
                boolean touches = instant ? !issue.from().isBefore(a) && issue.from().isBefore(b)
                        : issue.from().isBefore(b) && issue.to().isAfter(a);
                if (!touches) {
                    continue;
                }
                switch (issue.kind()) {
                    case ROLLOVER -> rollovers++;
                    case DECLARED_RESET, DECLARED_REPLACEMENT -> declared++;
                    case DUPLICATE, CONFLICTING_DUPLICATE, OUT_OF_ORDER -> repaired++;
                    case GAP -> gapSeconds += Duration.between(issue.from().isAfter(a) ? issue.from() : a,
                            issue.to().isBefore(b) ? issue.to() : b).getSeconds();
                    default -> { }
                }
            }
            var flags = shift.consumption().flags();
            String where = "shift from " + a;
            assertEquals(rollovers, flags.rollovers(), where);
            assertEquals(declared, flags.declaredResets(), where);
            assertEquals(repaired, flags.repairedReadings(), where);
            assertEquals(gapSeconds, flags.gapSecondsInterpolated(), where);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bandsAddUpToTheTotalAndTheCostMatchesABruteForcePrice(long seed) {
        Generated g = generate(seed);
        UnwrappedCounter c = unwrap(g);
        Instant first = g.knotTimes().get(0);
        Instant last = g.knotTimes().get(g.knotTimes().size() - 1);
        double total = g.truth().get(g.truth().size() - 1) - g.truth().get(0);
        for (TouTariff tariff : TARIFFS) {
            CostBreakdown cost = new TariffCostCalculator(tariff, ZONE).cost(c, first, last);
            near(total, cost.energyKwh(), tariff.id() + " total energy");
            near(total, cost.bands().stream().mapToDouble(BandCost::energyKwh).sum(), tariff.id() + " Σ band energy");
            near(cost.cost(), cost.bands().stream().mapToDouble(BandCost::cost).sum(), tariff.id() + " Σ band cost");
            near(bruteForceCost(g, tariff), cost.cost(), tariff.id() + " cost against the truth");
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void blockDemandTimesBlockLengthIsTheEnergy(long seed) {
        Generated g = generate(seed);
        UnwrappedCounter c = unwrap(g);
        Instant from = g.knotTimes().get(0).truncatedTo(ChronoUnit.HOURS);
        Instant to = g.knotTimes().get(g.knotTimes().size() - 1).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        List<BlockDemand> blocks = new DemandCalculator(ZONE).blocks(c, from, to);
        assertEquals(Duration.between(from, to).toMinutes() / 15, blocks.size());
        near(c.valueAt(to) - c.valueAt(from), blocks.stream().mapToDouble(b -> b.kw() / 4).sum(), "Σ blocks");
    }

    /**
     * Prices the true energy minute by minute, walking the truth's linear pieces and looking the band up
     * in the season's periods directly, without the calculator's band intervals.
     */
    private static double bruteForceCost(Generated g, TouTariff tariff) {
        double cost = 0;
        for (int i = 1; i < g.knotTimes().size(); i++) {
            Instant a = g.knotTimes().get(i - 1);
            Instant b = g.knotTimes().get(i);
            double rate = (g.truth().get(i) - g.truth().get(i - 1)) / Duration.between(a, b).toNanos();
            Instant cut = a;
            while (cut.isBefore(b)) {
                Instant nextMinute = cut.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                Instant end = nextMinute.isBefore(b) ? nextMinute : b;
                double kwh = rate * Duration.between(cut, end).toNanos();
                cost += kwh * tariff.price(bandAt(tariff, LocalDateTime.ofInstant(cut, ZONE)));
                cut = end;
            }
        }
        return cost;
    }

    private static TariffBand bandAt(TouTariff tariff, LocalDateTime local) {
        TariffSeason season = tariff.seasonOn(local.toLocalDate());
        LocalTime time = local.toLocalTime();
        for (TariffPeriod p : season.periods()) {
            boolean toMidnight = p.end().equals(LocalTime.MIDNIGHT);
            boolean wraps = !toMidnight && !p.end().isAfter(p.start());
            boolean inside = wraps ? !time.isBefore(p.start()) || time.isBefore(p.end())
                    : !time.isBefore(p.start()) && (toMidnight || time.isBefore(p.end()));
            if (inside) {
                return p.band();
            }
        }
        throw new AssertionError("no band at " + local + " in " + tariff.id());
    }
}
