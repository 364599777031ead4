package io.wattline.analytics.consumption;

import java.time.Instant;

/** Consumption C(end) − C(start) over [start, end), in the counter's units, with its flags. */
public record Consumption(Instant start, Instant end, double value, ConsumptionFlags flags) {
}
