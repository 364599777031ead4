package io.wattline.analytics.service;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.catalogue.CataloguedPoint;

/**
 * The counter accounting reads for one meter, with its wrap span (0 for a register that never
 * wraps) and its plausibility limit (counter units per hour; an increase implying more is quarantined). Taken from the point catalogue ({@link #of(CataloguedPoint)}), so a counter read over OPC UA
 * is accounted exactly like one read over Modbus and analytics needs no profile code.
 */
public record MeteredPoint(String meterId, PointId point, Quantity quantity, double wrapSpan, double maxRatePerHour) {
    public MeteredPoint {
        if (!(maxRatePerHour > 0)) {
            throw new IllegalArgumentException("meter " + meterId + ": the plausibility limit must be > 0 (infinite for "
                    + "none), was " + maxRatePerHour);
        }
        if (!quantity.isCounter()) {
            throw new IllegalArgumentException("meter " + meterId + ": point " + point + " is " + quantity
                    + ", not a counter");
        }
        wrapSpan = Double.isNaN(wrapSpan) ? 0.0 : wrapSpan;
    }

    /** A counter without a plausibility limit. */
    public MeteredPoint(String meterId, PointId point, Quantity quantity, double wrapSpan) {
        this(meterId, point, quantity, wrapSpan, Double.POSITIVE_INFINITY);
    }

    /** The catalogued counter as accounting reads it, with its plausibility limit. */
    public static MeteredPoint of(CataloguedPoint p) {
        return new MeteredPoint(p.meterId(), p.id(), p.quantity(), p.wrapSpan(), p.maxRatePerHour());
    }

    public String unit() {
        return quantity.unit();
    }
}
