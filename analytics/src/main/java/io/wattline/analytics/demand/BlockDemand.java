package io.wattline.analytics.demand;

import io.wattline.analytics.consumption.ConsumptionFlags;
import java.time.Instant;

/** Average demand over one block [start, end): the block's energy divided by its length, in kW. */
public record BlockDemand(Instant start, Instant end, double kw, ConsumptionFlags flags) {
}
