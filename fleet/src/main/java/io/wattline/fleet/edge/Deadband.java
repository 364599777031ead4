package io.wattline.fleet.edge;

import io.wattline.core.Quantity;
import java.util.EnumMap;
import java.util.Map;

/**
 * Report by exception: a new value is published when it differs from the last published one by
 * more than the quantity's absolute deadband (in the quantity's unit); 0 means every change.
 * Counters always use 0 so no consumption is hidden from a central reader.
 */
public final class Deadband {

    private final Map<Quantity, Double> absolute;

    private Deadband(Map<Quantity, Double> absolute) {
        this.absolute = absolute;
    }

    /** Every change is reported. */
    public static Deadband everyChange() {
        return new Deadband(new EnumMap<>(Quantity.class));
    }

    /** Absolute deadbands per quantity; a negative or non-finite figure is rejected. */
    public static Deadband of(Map<Quantity, Double> absolute) {
        Map<Quantity, Double> copy = new EnumMap<>(Quantity.class);
        absolute.forEach((q, v) -> {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("deadband of " + q + " must be a finite number >= 0, was " + v);
            }
            if (!q.isCounter()) {
                copy.put(q, v);
            }
        });
        return new Deadband(copy);
    }

    /** True when {@code now} must be reported after {@code last} was. NaN (no value) to a value is a change. */
    public boolean exceeded(Quantity quantity, double last, double now) {
        if (Double.isNaN(last) || Double.isNaN(now)) {
            return Double.isNaN(last) != Double.isNaN(now);
        }
        double band = absolute.getOrDefault(quantity, 0.0);
        return band == 0 ? now != last : Math.abs(now - last) > band;
    }
}
