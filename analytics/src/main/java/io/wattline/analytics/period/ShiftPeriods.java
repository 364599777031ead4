package io.wattline.analytics.period;

import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.ShiftInstance;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a range into shift instances with {@link ShiftCalendar#shiftAt}, and groups them into
 * production days (a shift crossing midnight belongs to the day it starts on).
 */
public final class ShiftPeriods {

    private ShiftPeriods() {
    }

    /** The shift instances overlapping [from, to), in time order, each clipped to the range. */
    public static List<ShiftSlice> slices(ShiftCalendar calendar, ZoneId zone, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: [" + from + ", " + to + ")");
        }
        List<ShiftSlice> slices = new ArrayList<>();
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            ShiftInstance instance = calendar.shiftAt(cursor.atZone(zone));
            Instant end = instance.end().toInstant();
            if (!end.isAfter(cursor)) {
                throw new IllegalStateException("shift " + instance.shift().id() + " on "
                        + instance.productionDay() + " does not advance past " + cursor);
            }
            slices.add(new ShiftSlice(instance, cursor, end.isAfter(to) ? to : end));
            cursor = end;
        }
        return slices;
    }

    /** Production days overlapping [from, to): each the union of its (clipped) shift slices. */
    public static List<ProductionDay> productionDays(ShiftCalendar calendar, ZoneId zone, Instant from,
            Instant to) {
        List<ProductionDay> days = new ArrayList<>();
        List<ShiftSlice> current = new ArrayList<>();
        LocalDate day = null;
        for (ShiftSlice slice : slices(calendar, zone, from, to)) {
            if (day != null && !slice.instance().productionDay().equals(day)) {
                days.add(ProductionDay.of(day, current));
                current = new ArrayList<>();
            }
            day = slice.instance().productionDay();
            current.add(slice);
        }
        if (day != null) {
            days.add(ProductionDay.of(day, current));
        }
        return days;
    }
}
