package io.wattline.core.catalogue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.QuantityKind;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Duration;
import java.util.Objects;

/**
 * What one configured point is, whatever protocol reads it: its meter, quantity and unit, the
 * energy carrier of its meter, whether it is a counter and its wrap span, how often it is read and
 * where it sits in the plant tree. Everything above the collector asks this, never a profile.
 *
 * @param displayName human name of the point (the profile's, else the point name)
 * @param unit        unit after the profile's scale (the quantity's canonical unit, or "" for states)
 * @param wrapSpan    for a counter: the amount it wraps by (raw maximum + 1, times the scale); 0 if it never wraps
 * @param period      poll period or sampling interval
 * @param protocol    how the point is read ({@code modbus}, {@code opcua}, {@code health}): for display only;
 *                    no consumer may branch on it
 * @param health      true for the communication-health points ({@code comm_*}) every device has
 * @param maxRatePerHour for a counter: its plausibility limit, counter units per hour (kW for kWh, m3/h for m3);
 *                    accounting quarantines an increase implying more. Infinite for none
 */
public record CataloguedPoint(PointId id, String meterId, String meterName, String displayName, Quantity quantity,
        String unit, EnergyCarrier carrier, double wrapSpan, Duration period, PlantPlace place, String protocol,
        boolean health, double maxRatePerHour) {

    /** A point without a plausibility limit. */
    public CataloguedPoint(PointId id, String meterId, String meterName, String displayName, Quantity quantity,
            String unit, EnergyCarrier carrier, double wrapSpan, Duration period, PlantPlace place, String protocol,
            boolean health) {
        this(id, meterId, meterName, displayName, quantity, unit, carrier, wrapSpan, period, place, protocol, health,
                Double.POSITIVE_INFINITY);
    }

    public CataloguedPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(place, "place");
        meterName = meterName == null ? meterId : meterName;
        displayName = displayName == null || displayName.isBlank() ? id.point() : displayName;
        unit = unit == null ? quantity.unit() : unit;
        if (!(wrapSpan >= 0) || Double.isInfinite(wrapSpan)) {
            throw new IllegalArgumentException("point " + id + ": wrap span must be finite and >= 0, was " + wrapSpan);
        }
        if (!(maxRatePerHour > 0)) {
            throw new IllegalArgumentException("point " + id + ": the plausibility limit must be > 0 (infinite for none), was "
                    + maxRatePerHour);
        }
    }

    public QuantityKind kind() {
        return quantity.kind();
    }

    public boolean isCounter() {
        return quantity.isCounter();
    }
}
