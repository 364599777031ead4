package io.wattline.simulator;

import io.wattline.core.plant.ShiftCalendar;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Activity level (0..1) of one {@link LoadModels.Pattern} at any minute: the level of the shift
 * the plant's {@link ShiftCalendar} puts there, replaced by a break's level inside a break, and
 * ramped (the mean over the last {@code rampMinutes} minutes) so that loads do not jump.
 */
final class ActivitySchedule {

    private static final int CACHE_LIMIT = 20_000;

    private final String name;
    private final ShiftCalendar calendar;
    private final ZoneId zone;
    private final Map<String, Double> shiftLevels;
    private final List<LoadModels.BreakWindow> breaks;
    private final int rampMinutes;
    /** Raw level per epoch minute: shifts and breaks change on whole minutes only. */
    private final Map<Long, Double> rawByMinute = new HashMap<>();

    ActivitySchedule(String name, LoadModels.Pattern pattern, ShiftCalendar calendar, ZoneId zone) {
        this.name = name;
        this.calendar = calendar;
        this.zone = zone;
        this.shiftLevels = pattern.shifts();
        this.breaks = pattern.breakWindows("patterns." + name);
        this.rampMinutes = pattern.rampMinutes();
        if (calendar != null) {
            for (String shiftId : shiftLevels.keySet()) {
                boolean known = calendar.shifts().stream().anyMatch(s -> s.id().equals(shiftId));
                if (!known) {
                    throw new IllegalArgumentException("patterns." + name + ".shifts names shift '" + shiftId
                            + "', which the plant's shift calendar does not define");
                }
            }
        }
    }

    /** Always at full activity (plants without shifts, meters without a pattern). */
    static ActivitySchedule constant(ZoneId zone) {
        return new ActivitySchedule("constant", new LoadModels.Pattern(Map.of(), List.of(), 1), null, zone);
    }

    String name() {
        return name;
    }

    /** The ramped level at the given epoch second. */
    double level(long epochSecond) {
        long minute = Math.floorDiv(epochSecond, 60);
        double sum = 0;
        for (int i = 0; i < rampMinutes; i++) {
            sum += rawLevel(minute - i);
        }
        return sum / rampMinutes;
    }

    /** The level without ramp at the given epoch minute. */
    double rawLevel(long epochMinute) {
        Double cached = rawByMinute.get(epochMinute);
        if (cached != null) {
            return cached;
        }
        if (rawByMinute.size() > CACHE_LIMIT) {
            rawByMinute.clear();
        }
        ZonedDateTime local = Instant.ofEpochSecond(epochMinute * 60).atZone(zone);
        double level = 1.0;
        if (calendar != null && !calendar.shifts().isEmpty()) {
            String shift = calendar.shiftAt(local).shift().id();
            level = shiftLevels.getOrDefault(shift, 1.0);
        }
        LocalTime time = local.toLocalTime();
        for (LoadModels.BreakWindow b : breaks) {
            if (b.contains(time)) {
                level = b.level();
                break;
            }
        }
        rawByMinute.put(epochMinute, level);
        return level;
    }
}
