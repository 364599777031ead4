package io.wattline.analytics;

import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The demo plant's zone and shift calendar, shared by the tests. */
public final class Plant {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Morning 06-14, afternoon 14-22, night 22-06; four crews, epoch 2026-01-05 as in plant.yaml. */
    public static final ShiftCalendar SHIFTS = new ShiftCalendar(
            List.of(new Shift("morning", "早班", LocalTime.of(6, 0), LocalTime.of(14, 0)),
                    new Shift("afternoon", "中班", LocalTime.of(14, 0), LocalTime.of(22, 0)),
                    new Shift("night", "夜班", LocalTime.of(22, 0), LocalTime.of(6, 0))),
            List.of("A", "B", "C", "D"),
            LocalDate.of(2026, 1, 5),
            List.of(List.of("A", "B", "C"), List.of("A", "B", "C"), List.of("D", "A", "B"),
                    List.of("D", "A", "B"), List.of("C", "D", "A"), List.of("C", "D", "A"),
                    List.of("B", "C", "D"), List.of("B", "C", "D")));

    private Plant() {
    }

    /** A local time of the plant, e.g. {@code at("2026-03-10T07:50")}. */
    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }
}
