package io.wattline.alarms.rule;

import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.ShiftInstance;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;

/**
 * The start of the shift or production day running at an instant. A production day is the shifts
 * that belong to one day (a shift crossing midnight belongs to the day it starts on, as in
 * accounting), so it starts at the earliest start time of the day's shifts.
 */
final class RunningPeriod {

    private RunningPeriod() {
    }

    /** @param per {@code shift} or {@code day} */
    static Instant start(String per, Instant now, ShiftCalendar calendar, ZoneId zone) {
        ShiftInstance shift = calendar.shiftAt(now.atZone(zone));
        if (per.equals("shift")) {
            return shift.start().toInstant();
        }
        LocalTime first = calendar.shifts().stream().map(Shift::start).min(Comparator.naturalOrder())
                .orElse(LocalTime.MIDNIGHT);
        return shift.productionDay().atTime(first).atZone(zone).toInstant();
    }
}
