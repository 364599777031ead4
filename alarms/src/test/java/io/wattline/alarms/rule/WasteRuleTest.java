package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.LINE1_POWER;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.TestPlant;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.TimeWindow;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Waste on line 1 above 30 kW: in the 12:00–12:30 break, in the 02:00–02:30 night break, and at
 * night when the rotation puts no crew on the shift (day 1); the day shift is worked.
 */
class WasteRuleTest {

    private static AlarmRule rule(List<String> idleShifts, boolean whenNoCrew) {
        return TestPlant.rule(new AlarmRuleSettings.Waste(basics("waste", "high"), "line1", 30,
                List.of(new TimeWindow(LocalTime.of(12, 0), LocalTime.of(12, 30)),
                        new TimeWindow(LocalTime.of(2, 0), LocalTime.of(2, 30))), idleShifts, whenNoCrew));
    }

    @ParameterizedTest(name = "day {0} {1}:{2} {3} kW → {4}")
    @CsvSource({
            "0, 10, 0, 150, n",   // day shift, working
            "0, 12, 0, 31, a",    // lunch break, still drawing
            "0, 12, 10, 30, n",   // at the limit is not above it
            "0, 12, 30, 150, n",  // break over
            "0, 2, 15, 40, a",    // night break (belongs to the night shift of day -1)
            "0, 23, 0, 40, n",    // day 0's night shift has crew B
            "1, 23, 0, 40, a",    // day 1's night shift has no crew
            "1, 23, 0, 20, n",
    })
    void idleTimes(int day, int hour, int minute, double kw, String expected) {
        AlarmRule rule = rule(List.of(), true);
        List<Observation> seen = new ArrayList<>();
        rule.onSample(Sample.good(LINE1_POWER, at(day, hour, minute), kw), seen);
        assertEquals(expected.equals("a"), seen.get(0).abnormal());
        assertEquals(kw, seen.get(0).value());
    }

    @Test
    void anIdleShiftAndTheClockEnteringABreakWithoutANewReading() {
        AlarmRule rule = rule(List.of("night"), false);
        List<Observation> seen = new ArrayList<>();
        rule.onSample(Sample.good(LINE1_POWER, at(0, 11, 59), 80), seen);
        Instant lunch = at(0, 12, 0);
        rule.onTick(lunch, seen);
        rule.onTick(at(0, 21, 0), seen);
        assertEquals(List.of(false, true, true), seen.stream().map(Observation::abnormal).toList());
    }

    @Test
    void linePowerIsItsMetersSum() {
        assertEquals(List.of(LINE1_POWER), List.copyOf(WasteRule.powerPoints(TestPlant.context(null), "line1")));
        assertEquals("Line 1 冲压线休息/停产时段仍耗电 31 kW(限值 30 kW)", rule(List.of(), true).definitions().get(0)
                .messages(31.0, at(0, 12, 0), TestPlant.ZONE).get("zh-CN"));
    }
}
