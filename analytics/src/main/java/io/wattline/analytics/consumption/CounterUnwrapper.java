package io.wattline.analytics.consumption;

import io.wattline.analytics.consumption.CounterIssue.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns raw counter readings into a continuous, unwrapped counter (ARCHITECTURE.md decision 9):
 * sorts and dedupes the readings, adds the wrap span at each rollover, bridges declared resets and
 * replacements with their declared readings, leaves out glitches (a low reading the next ones undo, a
 * single high reading, a negative one, one above the plausibility limit: {@link GlitchFilter}) and
 * holds the counter flat across a decrease nobody explained or an increase above the plausibility
 * limit that persists, so they are flagged and never billed.
 */
public final class CounterUnwrapper {

    private final CounterSettings settings;
    private final GlitchFilter glitches;

    public CounterUnwrapper(CounterSettings settings) {
        this.settings = settings;
        this.glitches = new GlitchFilter(settings);
    }

    /** Unwraps {@code readings} (any order) with the {@code events} declared for this point. */
    public UnwrappedCounter unwrap(List<CounterReading> readings, List<CounterEvent> events) {
        return unwrap(readings, events, time -> false);
    }

    /**
     * As {@link #unwrap(List, List)}, for readings taken from rollup buckets: a step starting at a
     * reading for which {@code continuousAfter} is true (a bucket's first reading, when the bucket's
     * sample count shows it was read densely up to its last reading) is not flagged as a gap.
     */
    public UnwrappedCounter unwrap(List<CounterReading> readings, List<CounterEvent> events,
            java.util.function.Predicate<Instant> continuousAfter) {
        List<CounterIssue> issues = new ArrayList<>();
        List<CounterEvent> declared = new ArrayList<>(events);
        declared.sort(Comparator.comparing(CounterEvent::time));
        List<CounterReading> sorted = withoutGlitches(sortAndDedupe(readings, issues), declared, issues);

        int n = sorted.size() + declared.size();
        long[] nanos = new long[n];
        double[] values = new double[n];
        int k = 0;
        boolean havePrevious = false;
        Instant previousTime = null;
        double previousRaw = 0;
        double previousUnwrapped = 0;
        int r = 0;
        int e = 0;
        while (r < sorted.size() || e < declared.size()) {
            // An event at the same instant as a reading comes first: that reading is the new register's.
            boolean takeEvent = e < declared.size()
                    && (r >= sorted.size() || !declared.get(e).time().isAfter(sorted.get(r).time()));
            Instant time;
            double unwrapped;
            if (takeEvent) {
                CounterEvent event = declared.get(e++);
                time = event.time();
                unwrapped = havePrevious
                        ? previousUnwrapped + step(previousTime, previousRaw, time, event.oldFinal(), issues,
                                continuousAfter.test(previousTime))
                        : event.oldFinal();
                issues.add(new CounterIssue(event.kind() == CounterEvent.Kind.RESET
                        ? Kind.DECLARED_RESET : Kind.DECLARED_REPLACEMENT, time, time,
                        event.oldFinal() - event.newInitial()));
                previousRaw = event.newInitial();
            } else {
                CounterReading reading = sorted.get(r++);
                time = reading.time();
                unwrapped = havePrevious
                        ? previousUnwrapped + step(previousTime, previousRaw, time, reading.value(), issues,
                                continuousAfter.test(previousTime))
                        : reading.value();
                previousRaw = reading.value();
            }
            long t = epochNanos(time);
            if (k > 0 && nanos[k - 1] == t) {
                k--; // an event and a reading at one instant: one knot, the reading's value
            }
            nanos[k] = t;
            values[k] = unwrapped;
            k++;
            havePrevious = true;
            previousTime = time;
            previousUnwrapped = unwrapped;
        }
        // by start, then end: UnwrappedCounter relies on the ends being sorted as well
        issues.sort(Comparator.comparing(CounterIssue::from).thenComparing(CounterIssue::to)
                .thenComparing(CounterIssue::kind));
        return new UnwrappedCounter(Arrays.copyOf(nanos, k), Arrays.copyOf(values, k),
                issues);
    }

    /**
     * The readings (any order) that {@link #unwrap} leaves out, judged exactly as it judges them: each
     * a {@link CounterIssue} at the reading's own instant, of kind {@code NEGATIVE_READING},
     * {@code GLITCH_LOW}, {@code GLITCH_HIGH} or {@code IMPLAUSIBLE_READING}, its amount the reading's
     * value. The importer marks these BAD in the store.
     */
    public List<CounterIssue> excluded(List<CounterReading> readings, List<CounterEvent> events) {
        List<CounterIssue> issues = new ArrayList<>();
        List<CounterEvent> declared = new ArrayList<>(events);
        declared.sort(Comparator.comparing(CounterEvent::time));
        withoutGlitches(sortAndDedupe(readings, issues), declared, issues);
        return issues.stream().filter(i -> i.kind() == Kind.NEGATIVE_READING || i.kind() == Kind.GLITCH_LOW
                || i.kind() == Kind.GLITCH_HIGH || i.kind() == Kind.IMPLAUSIBLE_READING).toList();
    }

    /** The readings minus glitches, judged within each stretch between declared events. */
    private List<CounterReading> withoutGlitches(List<CounterReading> sorted, List<CounterEvent> declared,
            List<CounterIssue> issues) {
        List<CounterReading> kept = new ArrayList<>(sorted.size());
        int from = 0;
        for (int e = 0; e <= declared.size(); e++) {
            int to = from;
            while (to < sorted.size() && (e == declared.size() || sorted.get(to).time().isBefore(declared.get(e).time()))) {
                to++;
            }
            kept.addAll(glitches.filter(sorted.subList(from, to), issues));
            from = to;
        }
        return kept;
    }

    /** The unwrapped increase from one raw value to the next, recording what had to be bridged. */
    private double step(Instant from, double fromRaw, Instant to, double toRaw, List<CounterIssue> issues,
            boolean knownContinuous) {
        Duration between = Duration.between(from, to);
        if (!knownContinuous && between.compareTo(settings.gapThreshold()) > 0) {
            issues.add(new CounterIssue(Kind.GAP, from, to, between.toNanos() / 1e9));
        }
        double delta = toRaw - fromRaw;
        if (delta >= -settings.decreaseTolerance()) {
            if (glitches.implausible(new CounterReading(from, fromRaw), new CounterReading(to, toRaw))) {
                issues.add(new CounterIssue(Kind.IMPLAUSIBLE_STEP, from, to, delta));
                return 0.0;
            }
            return delta;
        }
        double span = settings.wrapSpan();
        double wrapped = delta + span;
        // A wrap explains the decrease only if the increase it implies is under half the span;
        // otherwise a reset of a 32-bit register would count as billions of kWh.
        if (span > 0 && wrapped >= -settings.decreaseTolerance() && wrapped < span / 2) {
            issues.add(new CounterIssue(Kind.ROLLOVER, from, to, span));
            return wrapped;
        }
        issues.add(new CounterIssue(Kind.UNDECLARED_DECREASE, from, to, -delta));
        return 0.0;
    }

    private static List<CounterReading> sortAndDedupe(List<CounterReading> readings, List<CounterIssue> issues) {
        Instant latest = null;
        for (CounterReading reading : readings) {
            if (latest != null && reading.time().isBefore(latest)) {
                issues.add(new CounterIssue(Kind.OUT_OF_ORDER, reading.time(), reading.time(), reading.value()));
            } else {
                latest = reading.time();
            }
        }
        List<CounterReading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparing(CounterReading::time).thenComparingDouble(CounterReading::value));
        List<CounterReading> kept = new ArrayList<>(sorted.size());
        for (CounterReading reading : sorted) {
            int last = kept.size() - 1;
            if (last >= 0 && kept.get(last).time().equals(reading.time())) {
                CounterReading previous = kept.get(last);
                if (previous.value() == reading.value()) {
                    issues.add(new CounterIssue(Kind.DUPLICATE, reading.time(), reading.time(), reading.value()));
                } else {
                    // sorted by value within a time, so this one is the larger: keep it
                    issues.add(new CounterIssue(Kind.CONFLICTING_DUPLICATE, reading.time(), reading.time(),
                            reading.value() - previous.value()));
                    kept.set(last, reading);
                }
            } else {
                kept.add(reading);
            }
        }
        return kept;
    }

    static long epochNanos(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }
}
