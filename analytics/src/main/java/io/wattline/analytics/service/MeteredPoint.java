package io.wattline.analytics.service;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;

/**
 * The counter accounting reads for one meter. {@code wrapSpan} comes from the profile's
 * {@code PointDefinition.wrapSpan()} (0 for a register that never wraps); the wiring passes it in,
 * so analytics needs no profile code.
 */
public record MeteredPoint(String meterId, PointId point, Quantity quantity, double wrapSpan) {
    public MeteredPoint {
        if (!quantity.isCounter()) {
            throw new IllegalArgumentException("meter " + meterId + ": point " + point + " is " + quantity
                    + ", not a counter");
        }
        wrapSpan = Double.isNaN(wrapSpan) ? 0.0 : wrapSpan;
    }

    public String unit() {
        return quantity.unit();
    }
}
