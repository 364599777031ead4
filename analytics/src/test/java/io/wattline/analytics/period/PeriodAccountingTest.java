package io.wattline.analytics.period;

import static io.wattline.analytics.Plant.SHIFTS;
import static io.wattline.analytics.Plant.ZONE;
import static io.wattline.analytics.Plant.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.analytics.consumption.UnwrappedCounter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodAccountingTest {

    private static final double EPS = 1e-9;
    private final PeriodAccounting accounting = new PeriodAccounting(SHIFTS, ZONE);

    private static CounterReading r(String local, double value) {
        return new CounterReading(at(local), value);
    }

    private static UnwrappedCounter counter(Duration gapThreshold, CounterReading... readings) {
        return new CounterUnwrapper(CounterSettings.wrappingAt(0).withGapThreshold(gapThreshold))
                .unwrap(List.of(readings), List.of());
    }

    // 40-minute gap across the 14:00 shift change (2026-03-10, a day-cycle index 64 mod 8 = 0 day:
    // crews A morning, B afternoon). Readings 13:00 470, 13:15 480, 13:30 500, then nothing until
    // 14:10 540, 14:15 545, 14:30 560. Across the gap 40 kWh in 40 min: C(14:00) = 500 + 30 = 530.
    // Morning slice [13:00, 14:00) = 530 − 470 = 60 with 30 min (1800 s) of gap;
    // afternoon slice [14:00, 14:30) = 560 − 530 = 30 with 10 min (600 s) of gap; sum 90 = 560 − 470.
    @Test
    void fortyMinuteGapAcrossAShiftChangeIsSplitByInterpolation() {
        UnwrappedCounter c = counter(Duration.ofMinutes(30), r("2026-03-10T13:00", 470), r("2026-03-10T13:15", 480),
                r("2026-03-10T13:30", 500), r("2026-03-10T14:10", 540), r("2026-03-10T14:15", 545),
                r("2026-03-10T14:30", 560));
        List<ShiftConsumption> shifts = accounting.perShift(c, at("2026-03-10T13:00"), at("2026-03-10T14:30"));
        assertEquals(2, shifts.size());
        ShiftConsumption morning = shifts.get(0);
        ShiftConsumption afternoon = shifts.get(1);
        assertEquals("morning", morning.slice().instance().shift().id());
        assertEquals("A", morning.slice().instance().crew());
        assertEquals(60.0, morning.consumption().value(), EPS);
        assertEquals(1800, morning.consumption().flags().gapSecondsInterpolated());
        assertEquals("afternoon", afternoon.slice().instance().shift().id());
        assertEquals("B", afternoon.slice().instance().crew());
        assertEquals(30.0, afternoon.consumption().value(), EPS);
        assertEquals(600, afternoon.consumption().flags().gapSecondsInterpolated());
        assertEquals(90.0, morning.consumption().value() + afternoon.consumption().value(), EPS);
    }

    // Night shift crossing midnight, 2026-03-10 22:00 to 2026-03-11 06:00 (production day 03-10,
    // crew C). Readings 21:00 1000, 23:00 1020, 01:00 1040, 05:00 1080, 07:00 1100 (gap threshold 5 h).
    // C(22:00) = 1000 + 1/2 × 20 = 1010; C(00:00) = 1020 + 1/2 × 20 = 1030; C(06:00) = 1080 + 1/2 × 20 = 1090.
    // Night = 1090 − 1010 = 80 = before midnight (1030 − 1010 = 20) + after (1090 − 1030 = 60).
    @Test
    void nightShiftCrossingMidnightBelongsToTheDayItStarts() {
        UnwrappedCounter c = counter(Duration.ofHours(5), r("2026-03-10T21:00", 1000), r("2026-03-10T23:00", 1020),
                r("2026-03-11T01:00", 1040), r("2026-03-11T05:00", 1080), r("2026-03-11T07:00", 1100));
        List<ShiftConsumption> shifts = accounting.perShift(c, at("2026-03-10T22:00"), at("2026-03-11T06:00"));
        assertEquals(1, shifts.size());
        ShiftConsumption night = shifts.get(0);
        assertEquals("night", night.slice().instance().shift().id());
        assertEquals(LocalDate.of(2026, 3, 10), night.slice().instance().productionDay());
        assertEquals("C", night.slice().instance().crew());
        assertEquals(80.0, night.consumption().value(), EPS);
        List<PeriodConsumption> days = accounting.perPeriod(c, PeriodKind.DAY, at("2026-03-10T22:00"),
                at("2026-03-11T06:00"));
        assertEquals(20.0, days.get(0).consumption().value(), EPS);
        assertEquals(60.0, days.get(1).consumption().value(), EPS);
    }

    // Month boundary: readings 2026-01-31 23:50 5000.0 and 2026-02-01 00:20 5030.0 (1 kWh/min).
    // C(02-01 00:00) = 5000 + 10/30 × 30 = 5010: January gets 10.0, February 20.0, together 30.0.
    @Test
    void monthBoundaryIsSplitByInterpolation() {
        UnwrappedCounter c = counter(Duration.ofMinutes(30), r("2026-01-31T23:50", 5000.0),
                r("2026-02-01T00:20", 5030.0));
        List<PeriodConsumption> months = accounting.perPeriod(c, PeriodKind.MONTH, at("2026-01-31T23:50"),
                at("2026-02-01T00:20"));
        assertEquals(2, months.size());
        assertEquals(LocalDate.of(2026, 1, 1), months.get(0).period().firstDay());
        assertEquals(10.0, months.get(0).consumption().value(), EPS);
        assertEquals(LocalDate.of(2026, 2, 1), months.get(1).period().firstDay());
        assertEquals(20.0, months.get(1).consumption().value(), EPS);
        assertEquals(0, months.get(0).consumption().flags().gapSecondsInterpolated(),
                "30 min apart is not more than the 30 min threshold");
    }

    @Test
    void shiftsOfAProductionDayAddUpToTheDayAndCrewsToTheRange() {
        // 1 kWh per minute from 2026-03-10 00:00 for three days, read every 10 minutes.
        CounterReading[] readings = new CounterReading[3 * 144 + 1];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = new CounterReading(at("2026-03-10T00:00").plus(Duration.ofMinutes(10L * i)), 10.0 * i);
        }
        UnwrappedCounter c = counter(Duration.ofMinutes(30), readings);
        // [03-10 06:00, 03-12 06:00) = two whole production days of 1440 kWh each
        List<DayConsumption> days = accounting.perProductionDay(c, at("2026-03-10T06:00"), at("2026-03-12T06:00"));
        assertEquals(2, days.size());
        for (DayConsumption day : days) {
            assertEquals(1440.0, day.total().value(), 1e-6);
            assertEquals(3, day.shifts().size());
            assertEquals(day.total().value(), day.shifts().stream().mapToDouble(s -> s.consumption().value()).sum(),
                    1e-6);
        }
        // Crews: 03-10 is cycle day 64 mod 8 = 0 (A, B, C), 03-11 is day 1 (A, B, C):
        // A and B work two 8-hour shifts (960 kWh each), C two nights (960 kWh).
        List<CrewConsumption> crews = accounting.perCrew(c, at("2026-03-10T06:00"), at("2026-03-12T06:00"));
        assertEquals(List.of("A", "B", "C"), crews.stream().map(CrewConsumption::crew).toList());
        for (CrewConsumption crew : crews) {
            assertEquals(960.0, crew.value(), 1e-6);
            assertEquals(2, crew.shiftSlices());
        }
    }

    @Test
    void calendarPeriodsAreClippedAndWeeksStartOnMonday() {
        List<CalendarPeriod> weeks = CalendarPeriods.split(at("2026-03-11T12:00"), at("2026-03-20T00:00"), ZONE,
                PeriodKind.WEEK);
        assertEquals(2, weeks.size());
        assertEquals(LocalDate.of(2026, 3, 9), weeks.get(0).firstDay());
        assertEquals(at("2026-03-11T12:00"), weeks.get(0).start());
        assertEquals(at("2026-03-16T00:00"), weeks.get(0).end());
        assertEquals(at("2026-03-20T00:00"), weeks.get(1).end());
    }

    @Test
    void productionDaysStartAtTheFirstShift() {
        List<ProductionDay> days = ShiftPeriods.productionDays(SHIFTS, ZONE, at("2026-03-10T00:00"),
                at("2026-03-11T00:00"));
        // 00:00-06:00 is the night shift of 03-09; then 03-10 from 06:00.
        assertEquals(LocalDate.of(2026, 3, 9), days.get(0).day());
        assertEquals(at("2026-03-10T06:00"), days.get(0).end());
        assertEquals(LocalDate.of(2026, 3, 10), days.get(1).day());
        assertEquals(at("2026-03-10T06:00"), days.get(1).start());
        assertEquals(3, days.get(1).shifts().size());
        assertEquals(false, days.get(1).shifts().get(2).complete());
    }
}
