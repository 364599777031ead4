package io.wattline.core.catalogue;

import io.wattline.core.Quantity;
import java.time.Duration;
import java.util.Objects;

/**
 * One point of one meter as a device profile declares it, in protocol-neutral terms: what the
 * catalogue is built from (the config module maps Modbus and OPC UA profiles to these).
 *
 * @param wrapSpan for a counter, the amount it wraps by; 0 if it never wraps
 * @param period   how often the point is read for this meter
 * @param protocol {@code modbus} or {@code opcua}, for display only
 * @param maxRatePerHour for a counter, its plausibility limit in counter units per hour; infinite for none
 */
public record PointSpec(String name, String displayName, Quantity quantity, String unit, double wrapSpan,
        Duration period, String protocol, double maxRatePerHour) {

    /** A point without a plausibility limit. */
    public PointSpec(String name, String displayName, Quantity quantity, String unit, double wrapSpan,
            Duration period, String protocol) {
        this(name, displayName, quantity, unit, wrapSpan, period, protocol, Double.POSITIVE_INFINITY);
    }

    public PointSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(period, "period");
    }
}
