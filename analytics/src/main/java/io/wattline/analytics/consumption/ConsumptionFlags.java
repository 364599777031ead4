package io.wattline.analytics.consumption;

/**
 * Data-quality facts behind one consumption figure. Issues are counted in every period they touch,
 * so flags of adjacent periods may count the same rollover or gap twice; values never do.
 *
 * @param rollovers register wraps bridged inside the period
 * @param declaredResets declared resets and replacements bridged inside the period
 * @param undeclaredDecreases decreases that were neither a wrap nor declared (counted as zero)
 * @param gapSecondsInterpolated seconds of the period that lie inside a gap
 * @param uncoveredSeconds seconds of the period before the first or after the last reading, where
 *     the counter is held at the edge value (no consumption is invented there)
 * @param noData true when the series has no reading at all
 * @param repairedReadings readings inside the period that arrived out of order or more than once
 *     (sorted into place; duplicates dropped; of conflicting values the larger kept), and readings
 *     excluded as glitches (a low reading undone by the next ones, a single high reading, a negative
 *     one, one above the plausibility limit) or steps quarantined above that limit (counted zero)
 */
public record ConsumptionFlags(int rollovers, int declaredResets, int undeclaredDecreases,
        long gapSecondsInterpolated, long uncoveredSeconds, boolean noData, int repairedReadings) {

    public static final ConsumptionFlags CLEAN = new ConsumptionFlags(0, 0, 0, 0, 0, false, 0);

    /** True when the figure came from readings alone, with nothing bridged or held. */
    public boolean clean() {
        return equals(CLEAN);
    }

    /** The flags of two periods taken together. */
    public ConsumptionFlags plus(ConsumptionFlags other) {
        return new ConsumptionFlags(rollovers + other.rollovers, declaredResets + other.declaredResets,
                undeclaredDecreases + other.undeclaredDecreases,
                gapSecondsInterpolated + other.gapSecondsInterpolated,
                uncoveredSeconds + other.uncoveredSeconds, noData || other.noData,
                repairedReadings + other.repairedReadings);
    }
}
