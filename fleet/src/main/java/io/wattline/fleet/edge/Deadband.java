package io.wattline.fleet.edge;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Report by exception: a new value is published when it differs from the last published one by
 * more than the point's absolute deadband (in its quantity's unit); 0 means every change. A point's
 * band is the group file's for its quantity when the group file names one, else the one its meter's
 * profile gives for that quantity (profile {@code deadbands:}), else 0. Counters always use 0 so no
 * consumption is hidden from a central reader.
 */
public final class Deadband {

    private final Map<Quantity, Double> absolute;
    private final Map<PointId, Double> fromProfiles;

    private Deadband(Map<Quantity, Double> absolute, Map<PointId, Double> fromProfiles) {
        this.absolute = absolute;
        this.fromProfiles = fromProfiles;
    }

    /** Every change is reported. */
    public static Deadband everyChange() {
        return new Deadband(new EnumMap<>(Quantity.class), Map.of());
    }

    /** Absolute deadbands per quantity; a negative or non-finite figure is rejected. */
    public static Deadband of(Map<Quantity, Double> absolute) {
        return of(absolute, Map.of());
    }

    /**
     * Absolute deadbands per quantity (the group file's, which win) and per point (from its meter's
     * profile); a negative or non-finite figure is rejected, a counter's is ignored.
     */
    public static Deadband of(Map<Quantity, Double> absolute, Map<PointId, Double> fromProfiles) {
        Map<Quantity, Double> copy = new EnumMap<>(Quantity.class);
        absolute.forEach((q, v) -> {
            check(q.toString(), v);
            if (!q.isCounter()) {
                copy.put(q, v);
            }
        });
        Map<PointId, Double> points = new HashMap<>();
        fromProfiles.forEach((p, v) -> {
            check(p.toString(), v);
            points.put(p, v);
        });
        return new Deadband(copy, points);
    }

    private static void check(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("deadband of " + what + " must be a finite number >= 0, was " + v);
        }
    }

    /** The band a point's values must move by to be reported (0: every change). */
    public double band(PointId point, Quantity quantity) {
        if (quantity.isCounter()) {
            return 0;
        }
        Double group = absolute.get(quantity);
        return group != null ? group : fromProfiles.getOrDefault(point, 0.0);
    }

    /** True when {@code now} must be reported after {@code last} was. NaN (no value) to a value is a change. */
    public boolean exceeded(PointId point, Quantity quantity, double last, double now) {
        if (Double.isNaN(last) || Double.isNaN(now)) {
            return Double.isNaN(last) != Double.isNaN(now);
        }
        double band = band(point, quantity);
        return band == 0 ? now != last : Math.abs(now - last) > band;
    }
}
