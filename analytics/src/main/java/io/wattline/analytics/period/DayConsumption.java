package io.wattline.analytics.period;

import io.wattline.analytics.consumption.Consumption;
import java.time.LocalDate;
import java.util.List;

/** Consumption of a production day and of each of its shifts; the shifts add up to the day. */
public record DayConsumption(LocalDate day, Consumption total, List<ShiftConsumption> shifts) {

    public DayConsumption {
        shifts = List.copyOf(shifts);
    }
}
