package io.wattline.core.plant;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The shifts of a production day and the crew rotation. {@code rotation.get(d).get(s)} is the
 * crew working shift {@code s} on day {@code d} of the cycle, counted from {@code rotationEpoch}.
 * Shifts must tile the 24 hours without gaps or overlaps (checked when the plant is loaded).
 */
public record ShiftCalendar(List<Shift> shifts, List<String> crews, LocalDate rotationEpoch,
        List<List<String>> rotation) {

    public ShiftCalendar {
        shifts = List.copyOf(shifts);
        crews = List.copyOf(crews);
        rotation = rotation.stream().map(List::copyOf).toList();
        Objects.requireNonNull(rotationEpoch, "rotationEpoch");
    }

    /** The shift instance that contains the given local time. */
    public ShiftInstance shiftAt(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        for (int back = 0; back <= 1; back++) {
            LocalDate day = time.toLocalDate().minusDays(back);
            for (int s = 0; s < shifts.size(); s++) {
                Shift shift = shifts.get(s);
                ZonedDateTime start = day.atTime(shift.start()).atZone(zone);
                ZonedDateTime end = (shift.crossesMidnight() ? day.plusDays(1) : day)
                        .atTime(shift.end()).atZone(zone);
                if (!time.isBefore(start) && time.isBefore(end)) {
                    return new ShiftInstance(shift, day, crewFor(day, s), start, end);
                }
            }
        }
        throw new IllegalStateException("no shift covers " + time + ": shifts do not tile the day");
    }

    /** Crew on shift index {@code s} of production day {@code day}, or null without rotation. */
    public String crewFor(LocalDate day, int s) {
        if (rotation.isEmpty()) {
            return null;
        }
        long d = Math.floorMod(ChronoUnit.DAYS.between(rotationEpoch, day), rotation.size());
        String crew = rotation.get((int) d).get(s);
        return crew.isEmpty() || crew.equals("-") ? null : crew;
    }
}
