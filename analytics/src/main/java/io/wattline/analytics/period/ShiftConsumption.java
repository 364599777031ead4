package io.wattline.analytics.period;

import io.wattline.analytics.consumption.Consumption;

/** Consumption of one meter point during one (possibly clipped) shift instance. */
public record ShiftConsumption(ShiftSlice slice, Consumption consumption) {
}
