package io.wattline.analytics.period;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A production day [start, end): from its first shift's start to its last shift's end (clipped to
 * the report range), with the slices it consists of; they tile it by construction.
 */
public record ProductionDay(LocalDate day, Instant start, Instant end, List<ShiftSlice> shifts) {

    public ProductionDay {
        shifts = List.copyOf(shifts);
    }

    static ProductionDay of(LocalDate day, List<ShiftSlice> shifts) {
        return new ProductionDay(day, shifts.get(0).start(), shifts.get(shifts.size() - 1).end(), shifts);
    }
}
