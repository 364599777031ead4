package io.wattline.analytics.consumption;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A counter after unwrapping: C(t) is the linear interpolation between the knots on either side of
 * t, held flat before the first and after the last knot. Consumption over [a, b) is C(b) − C(a), so
 * consumption over adjacent periods always adds up to the consumption over their union.
 */
public final class UnwrappedCounter {

    private final long[] nanos;
    private final double[] values;
    private final List<CounterIssue> issues;
    private final long[] periodIssueEnds;

    UnwrappedCounter(long[] nanos, double[] values, List<CounterIssue> issues) {
        this.nanos = nanos;
        this.values = values;
        this.issues = List.copyOf(issues);
        // Issues lie between consecutive knots or at one instant, so sorted by start they are
        // sorted by end too, and a period's issues can be found by binary search on the ends.
        this.periodIssueEnds = new long[issues.size()];
        for (int i = 0; i < issues.size(); i++) {
            periodIssueEnds[i] = CounterUnwrapper.epochNanos(issues.get(i).to());
        }
    }

    /** Everything bridged, dropped or reordered while unwrapping, in time order. */
    public List<CounterIssue> issues() {
        return issues;
    }

    /** The knots of the unwrapped counter: readings and declared events, in time order. */
    public List<CounterReading> knots() {
        List<CounterReading> knots = new ArrayList<>(nanos.length);
        for (int i = 0; i < nanos.length; i++) {
            knots.add(new CounterReading(instant(nanos[i]), values[i]));
        }
        return knots;
    }

    public boolean isEmpty() {
        return nanos.length == 0;
    }

    public Optional<Instant> firstTime() {
        return isEmpty() ? Optional.empty() : Optional.of(instant(nanos[0]));
    }

    public Optional<Instant> lastTime() {
        return isEmpty() ? Optional.empty() : Optional.of(instant(nanos[nanos.length - 1]));
    }

    /** C(t): the unwrapped counter at {@code time}; 0 for an empty series. */
    public double valueAt(Instant time) {
        int n = nanos.length;
        if (n == 0) {
            return 0.0;
        }
        long t = CounterUnwrapper.epochNanos(time);
        if (t <= nanos[0]) {
            return values[0];
        }
        if (t >= nanos[n - 1]) {
            return values[n - 1];
        }
        int i = Arrays.binarySearch(nanos, t);
        if (i >= 0) {
            return values[i];
        }
        int after = -i - 1;
        int before = after - 1;
        double fraction = (double) (t - nanos[before]) / (double) (nanos[after] - nanos[before]);
        return values[before] + fraction * (values[after] - values[before]);
    }

    /** Consumption over [start, end) with the flags of the data it rests on. */
    public Consumption consumption(Instant start, Instant end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period ends before it starts: [" + start + ", " + end + ")");
        }
        double value = valueAt(end) - valueAt(start);
        return new Consumption(start, end, value, flags(start, end));
    }

    private ConsumptionFlags flags(Instant start, Instant end) {
        if (nanos.length == 0) {
            return new ConsumptionFlags(0, 0, 0, 0, Duration.between(start, end).getSeconds(), true, 0);
        }
        int rollovers = 0;
        int declared = 0;
        int undeclared = 0;
        long gapSeconds = 0;
        int repaired = 0;
        for (int i = firstIssueEndingAtOrAfter(CounterUnwrapper.epochNanos(start)); i < issues.size(); i++) {
            CounterIssue issue = issues.get(i);
            if (!issue.from().isBefore(end)) {
                break; // sorted by start
            }
            if (!issue.touches(start, end)) {
                continue;
            }
            switch (issue.kind()) {
                case ROLLOVER -> rollovers++;
                case DECLARED_RESET, DECLARED_REPLACEMENT -> declared++;
                case UNDECLARED_DECREASE -> undeclared++;
                case GAP -> gapSeconds += overlapSeconds(start, end, issue.from(), issue.to());
                case DUPLICATE, CONFLICTING_DUPLICATE, OUT_OF_ORDER, GLITCH_LOW, GLITCH_HIGH, NEGATIVE_READING,
                        IMPLAUSIBLE_READING, IMPLAUSIBLE_STEP -> repaired++;
            }
        }
        Instant first = instant(nanos[0]);
        Instant last = instant(nanos[nanos.length - 1]);
        long uncovered = overlapSeconds(start, end, Instant.MIN, first)
                + overlapSeconds(start, end, last, Instant.MAX);
        return new ConsumptionFlags(rollovers, declared, undeclared, gapSeconds, uncovered, false, repaired);
    }

    private int firstIssueEndingAtOrAfter(long startNanos) {
        int low = 0;
        int high = periodIssueEnds.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (periodIssueEnds[mid] < startNanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static long overlapSeconds(Instant a, Instant b, Instant from, Instant to) {
        Instant s = a.isAfter(from) ? a : from;
        Instant e = b.isBefore(to) ? b : to;
        return e.isAfter(s) ? Duration.between(s, e).getSeconds() : 0;
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
