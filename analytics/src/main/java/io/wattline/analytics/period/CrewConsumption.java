package io.wattline.analytics.period;

import io.wattline.analytics.consumption.ConsumptionFlags;

/**
 * Consumption of one crew over a range: the sum over the shift slices it worked. {@code crew} is
 * {@link PeriodAccounting#NO_CREW} for shifts with no crew in the rotation.
 */
public record CrewConsumption(String crew, double value, ConsumptionFlags flags, int shiftSlices) {
}
