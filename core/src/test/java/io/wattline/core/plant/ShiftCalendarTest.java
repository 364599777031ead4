package io.wattline.core.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShiftCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    // Three shifts, the night shift crossing midnight; four crews on a 4-day cycle from 2026-03-01:
    // day 0: A B C, day 1: D A B, day 2: C D A, day 3: B C D.
    private static final ShiftCalendar CAL = new ShiftCalendar(
            List.of(new Shift("morning", "早班", LocalTime.of(6, 0), LocalTime.of(14, 0)),
                    new Shift("afternoon", "中班", LocalTime.of(14, 0), LocalTime.of(22, 0)),
                    new Shift("night", "夜班", LocalTime.of(22, 0), LocalTime.of(6, 0))),
            List.of("A", "B", "C", "D"),
            LocalDate.of(2026, 3, 1),
            List.of(List.of("A", "B", "C"), List.of("D", "A", "B"), List.of("C", "D", "A"),
                    List.of("B", "C", "D")));

    @ParameterizedTest
    @CsvSource({
            // local time,        shift,     production day, crew
            "2026-03-01T06:00, morning,   2026-03-01, A",
            "2026-03-01T13:59, morning,   2026-03-01, A",
            "2026-03-01T14:00, afternoon, 2026-03-01, B",
            "2026-03-01T23:30, night,     2026-03-01, C",
            // after midnight the night shift still belongs to the day it started on
            "2026-03-02T05:59, night,     2026-03-01, C",
            "2026-03-02T06:00, morning,   2026-03-02, D",
            "2026-03-05T00:10, night,     2026-03-04, D",
            // the cycle repeats after four days, and before the epoch too
            "2026-03-05T07:00, morning,   2026-03-05, A",
            "2026-02-28T07:00, morning,   2026-02-28, B",
    })
    void findsShiftProductionDayAndCrew(String local, String shift, String day, String crew) {
        ShiftInstance s = CAL.shiftAt(ZonedDateTime.of(java.time.LocalDateTime.parse(local), SHANGHAI));
        assertEquals(shift, s.shift().id());
        assertEquals(LocalDate.parse(day), s.productionDay());
        assertEquals(crew, s.crew());
        assertEquals(Duration.ofHours(8), Duration.between(s.start(), s.end()));
    }

    @ParameterizedTest
    @CsvSource({"06:00,14:00,false,8", "22:00,06:00,true,8", "00:00,00:00,true,24"})
    void shiftLengthAcrossMidnight(String start, String end, boolean crosses, long hours) {
        Shift s = new Shift("s", "s", LocalTime.parse(start), LocalTime.parse(end));
        assertEquals(crosses, s.crossesMidnight());
        assertEquals(Duration.ofHours(hours), s.length());
    }
}
