package io.wattline.analytics.consumption;

import java.time.Instant;

/** Consumption C(end) − C(start) over [start, end), in the counter's units, with its flags. */
public record Consumption(Instant start, Instant end, double value, ConsumptionFlags flags) {

    /** This and the directly following period as one figure. */
    public Consumption plus(Consumption next) {
        return new Consumption(start, next.end, value + next.value, flags.plus(next.flags));
    }
}
