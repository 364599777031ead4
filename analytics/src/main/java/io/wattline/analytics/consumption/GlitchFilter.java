package io.wattline.analytics.consumption;

import io.wattline.analytics.consumption.CounterIssue.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the readings of one counter segment (between declared events, sorted, without duplicates)
 * that are evidence of nothing: a negative reading; a decrease that the following reading(s) undo by
 * returning to at least the level before it (a dropped digit, a bus error decoded as a value); a single
 * high reading after which the counter continues from the level before it; an increase that implies
 * more than the meter's plausible rate and that a following reading undoes. Those readings are left
 * out (the counter is interpolated across them) and each is recorded as an issue at its own instant.
 * A decrease that persists is not touched here: the unwrapper treats it as a wrap or an undeclared
 * reset, as before; an implausible increase that persists is recorded as a quarantined step that the
 * unwrapper counts as zero.
 */
final class GlitchFilter {

    private final CounterSettings settings;

    GlitchFilter(CounterSettings settings) {
        this.settings = settings;
    }

    /** The readings to account; excluded ones are added to {@code issues}. */
    List<CounterReading> filter(List<CounterReading> segment, List<CounterIssue> issues) {
        double tolerance = settings.decreaseTolerance();
        int window = settings.glitchWindow();
        List<CounterReading> kept = new ArrayList<>(segment.size());
        int i = 0;
        while (i < segment.size()) {
            CounterReading reading = segment.get(i);
            if (reading.value() < 0) {
                issues.add(excluded(Kind.NEGATIVE_READING, reading));
                i++;
                continue;
            }
            if (kept.isEmpty()) {
                kept.add(reading);
                i++;
                continue;
            }
            CounterReading last = kept.get(kept.size() - 1);
            double delta = reading.value() - last.value();
            if (delta < -tolerance) {
                int back = returnTo(segment, i, last, window);
                boolean singleHigh = kept.size() >= 2
                        && reading.value() >= kept.get(kept.size() - 2).value() - tolerance;
                // of two explanations, the one that excludes fewer readings; a tie goes to the low run
                if (back > 0 && !(singleHigh && back - i > 1)) {
                    for (int g = i; g < back; g++) {
                        CounterReading low = segment.get(g);
                        issues.add(excluded(low.value() < 0 ? Kind.NEGATIVE_READING : Kind.GLITCH_LOW, low));
                    }
                    i = back;
                    continue;
                }
                if (singleHigh) {
                    // the last kept reading stood above both neighbours: a single high glitch
                    kept.remove(kept.size() - 1);
                    issues.add(excluded(Kind.GLITCH_HIGH, last));
                    continue; // judge this reading again against the one before the glitch
                }
            } else if (implausible(last, reading)) {
                int back = returnTo(segment, i, last, window);
                if (back > 0) {
                    for (int g = i; g < back; g++) {
                        issues.add(excluded(Kind.IMPLAUSIBLE_READING, segment.get(g)));
                    }
                    i = back;
                    continue;
                }
            }
            kept.add(reading);
            i++;
        }
        return kept;
    }

    /** True when going from {@code a} to {@code b} implies more than the plausible rate. */
    boolean implausible(CounterReading a, CounterReading b) {
        double limit = settings.maxRatePerHour();
        if (!(limit > 0) || Double.isInfinite(limit)) {
            return false;
        }
        double hours = Duration.between(a.time(), b.time()).toNanos() / 3.6e12;
        return b.value() - a.value() > limit * hours + settings.decreaseTolerance();
    }

    /**
     * Index of the first reading after {@code i} (at most {@code window} on) back at {@code last}'s level
     * or above it, at a plausible rate; -1 when there is none.
     */
    private int returnTo(List<CounterReading> segment, int i, CounterReading last, int window) {
        for (int k = i + 1; k < segment.size() && k <= i + window; k++) {
            CounterReading candidate = segment.get(k);
            if (candidate.value() >= last.value() - settings.decreaseTolerance() && !implausible(last, candidate)) {
                return k;
            }
        }
        return -1;
    }

    private static CounterIssue excluded(Kind kind, CounterReading reading) {
        return new CounterIssue(kind, reading.time(), reading.time(), reading.value());
    }
}
