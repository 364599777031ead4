package io.wattline.analytics.consumption;

import java.time.Instant;

/**
 * Something the unwrapper had to handle between two knots of the series, {@code [from, to]}.
 * {@code amount} is the size involved, in the counter's units (for a gap: its length in seconds).
 * For issues at one instant (duplicates, declared events) {@code from} equals {@code to}.
 */
public record CounterIssue(Kind kind, Instant from, Instant to, double amount) {

    /** The kinds of issue, each counted separately in {@link ConsumptionFlags}. */
    public enum Kind {
        /** A decrease explained by one wrap of the register; the wrap span was added. */
        ROLLOVER,
        /** A declared reset, bridged with its old final and new initial readings. */
        DECLARED_RESET,
        /** A declared meter replacement, bridged like a reset. */
        DECLARED_REPLACEMENT,
        /** A decrease nobody declared and no wrap explains; the step counts as zero consumption. */
        UNDECLARED_DECREASE,
        /** Readings further apart than the gap threshold; the counter is interpolated across it. */
        GAP,
        /** The same reading twice (same time, same value); one kept. */
        DUPLICATE,
        /** Two different values at the same time; the larger kept (counters rise). */
        CONFLICTING_DUPLICATE,
        /** A reading that arrived before an earlier-timed one; sorted into place. */
        OUT_OF_ORDER,
        /** A low reading that the following reading(s) undo (back to the level before it); excluded. */
        GLITCH_LOW,
        /** A reading above both neighbours, the counter continuing from the level before it; excluded. */
        GLITCH_HIGH,
        /** A negative reading of a counter: never a reading; excluded. */
        NEGATIVE_READING,
        /** An increase above the plausibility limit that a following reading undoes; excluded. */
        IMPLAUSIBLE_READING,
        /**
         * An increase above the plausibility limit that persists: quarantined, the step counts zero
         * (like an undeclared decrease) until someone declares what happened.
         */
        IMPLAUSIBLE_STEP
    }

    /** True if this issue touches the interval [a, b): overlaps it, or lies in it for instant issues. */
    boolean touches(Instant a, Instant b) {
        if (from.equals(to)) {
            return !from.isBefore(a) && from.isBefore(b);
        }
        return from.isBefore(b) && to.isAfter(a);
    }
}
