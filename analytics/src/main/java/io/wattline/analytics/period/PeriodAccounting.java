package io.wattline.analytics.period;

import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consumption of one unwrapped counter per shift instance, crew, production day and calendar
 * period. Every figure is C(end) − C(start) of the same counter, so adjacent figures reconcile.
 */
public final class PeriodAccounting {

    /** Crew key for shifts that nobody works in the rotation. */
    public static final String NO_CREW = "-";

    private final ShiftCalendar calendar;
    private final ZoneId zone;

    public PeriodAccounting(ShiftCalendar calendar, ZoneId zone) {
        this.calendar = calendar;
        this.zone = zone;
    }

    /** One figure per shift slice overlapping [from, to). */
    public List<ShiftConsumption> perShift(UnwrappedCounter counter, Instant from, Instant to) {
        List<ShiftConsumption> result = new ArrayList<>();
        for (ShiftSlice slice : ShiftPeriods.slices(calendar, zone, from, to)) {
            result.add(new ShiftConsumption(slice, counter.consumption(slice.start(), slice.end())));
        }
        return result;
    }

    /** Per crew over [from, to), sorted by crew name. */
    public List<CrewConsumption> perCrew(UnwrappedCounter counter, Instant from, Instant to) {
        Map<String, CrewConsumption> byCrew = new TreeMap<>();
        for (ShiftConsumption shift : perShift(counter, from, to)) {
            String crew = shift.slice().instance().crew() == null ? NO_CREW : shift.slice().instance().crew();
            CrewConsumption sum = byCrew.getOrDefault(crew, new CrewConsumption(crew, 0.0,
                    ConsumptionFlags.CLEAN, 0));
            byCrew.put(crew, new CrewConsumption(crew, sum.value() + shift.consumption().value(),
                    sum.flags().plus(shift.consumption().flags()), sum.shiftSlices() + 1));
        }
        return List.copyOf(byCrew.values());
    }

    /** Per production day over [from, to), each with its shifts. */
    public List<DayConsumption> perProductionDay(UnwrappedCounter counter, Instant from, Instant to) {
        List<DayConsumption> result = new ArrayList<>();
        for (ProductionDay day : ShiftPeriods.productionDays(calendar, zone, from, to)) {
            List<ShiftConsumption> shifts = new ArrayList<>();
            for (ShiftSlice slice : day.shifts()) {
                shifts.add(new ShiftConsumption(slice, counter.consumption(slice.start(), slice.end())));
            }
            result.add(new DayConsumption(day.day(), counter.consumption(day.start(), day.end()), shifts));
        }
        return result;
    }

    /** Per calendar day, ISO week or month of the plant's zone over [from, to). */
    public List<PeriodConsumption> perPeriod(UnwrappedCounter counter, PeriodKind kind, Instant from,
            Instant to) {
        List<PeriodConsumption> result = new ArrayList<>();
        for (CalendarPeriod period : CalendarPeriods.split(from, to, zone, kind)) {
            result.add(new PeriodConsumption(period, counter.consumption(period.start(), period.end())));
        }
        return result;
    }
}
