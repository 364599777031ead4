package io.wattline.analytics.period;

import io.wattline.analytics.consumption.Consumption;

/** Consumption of one meter point during one calendar period. */
public record PeriodConsumption(CalendarPeriod period, Consumption consumption) {
}
