package io.wattline.config;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Meter;
import io.wattline.core.plausible.PlausibleValues;
import io.wattline.profiles.DeviceProfile;
import java.util.Optional;

/**
 * The plausibility limit of one counter of a meter, in counter units per hour, and where it comes from:
 * the meter's own {@code maxPowerKw} / {@code maxFlowPerHour} in the plant file; else {@link #RATING_MARGIN}
 * × the profile's rating (its energy and volume counters only: a rating in kW says nothing of kvarh);
 * else the largest magnitude of the plausible range of the counter's rate quantity (ACTIVE_POWER for kWh).
 *
 * @param source {@code plant}, {@code profile} or {@code plausibleRanges}
 */
public record PlausibilityLimit(double perHour, String source) {

    /** Headroom over a manual's rating: +10 % supply voltage and the meter's overload range. */
    public static final double RATING_MARGIN = 1.2;

    public static PlausibilityLimit of(Meter meter, Optional<DeviceProfile.Rating> rated, Quantity counter,
            PlausibleValues plausible) {
        if (meter.maxRatePerHour() != null && rated(counter)) {
            return new PlausibilityLimit(meter.maxRatePerHour(), "plant");
        }
        if (rated.isPresent() && rated(counter)) {
            return new PlausibilityLimit(rated.get().maxRatePerHour() * RATING_MARGIN, "profile");
        }
        return new PlausibilityLimit(plausible.maxRatePerHour(counter), "plausibleRanges");
    }

    /** The counters a power or flow rating bounds: active and heat energy, volume, mass. */
    static boolean rated(Quantity counter) {
        return switch (counter) {
            case ACTIVE_ENERGY_IMPORT, ACTIVE_ENERGY_EXPORT, HEAT_ENERGY, VOLUME, MASS -> true;
            default -> false;
        };
    }
}
