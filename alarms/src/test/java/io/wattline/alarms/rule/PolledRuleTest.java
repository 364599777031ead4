package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.alarms.TestPlant;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.energy.EnergyFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Budget, loss anomaly and baseline deviation: what they ask the energy figures, and what they conclude. */
class PolledRuleTest {

    private final TableFigures figures = new TableFigures();

    private AlarmRule rule(AlarmRuleSettings settings) {
        return RuleFactory.create(settings, TestPlant.context(figures));
    }

    @ParameterizedTest(name = "{0} at day {1} {2}:00 reads from {3}; {4} kWh → {5}")
    @CsvSource({
            "shift, 0, 10, 0/08:00, 1200, true",
            "shift, 0, 10, 0/08:00, 1000, false",
            "shift, 0, 22, 0/20:00, 1001, true",
            "shift, 1, 3,  0/20:00, 900,  false",
            "day,   1, 3,  0/08:00, 1500, true",   // 03:00 on day 1 belongs to production day 0 (night shift)
            "day,   1, 9,  1/08:00, 10,   false",
    })
    void budgetSinceTheShiftOrProductionDayStarted(String per, int day, int hour, String start, double used,
            boolean over) {
        figures.consumption.put("line1", used);
        AlarmRule rule = rule(new AlarmRuleSettings.Budget(basics("budget", "low"), "line1", null, null, per, 1000,
                Duration.ofMinutes(1)));
        Instant now = at(day, hour, 0);
        List<Observation> seen = rule.poll(now);
        String[] s = start.split("/");
        Instant from = at(Integer.parseInt(s[0]), Integer.parseInt(s[1].substring(0, 2)), 0);
        assertEquals(List.of("LINE line1 ELECTRICITY " + from + " " + now), figures.asked);
        assertEquals(List.of(new Observation("budget/line1", over, used, now)), seen);
        assertEquals(Duration.ofMinutes(1), rule.pollEvery());
    }

    @Test
    void budgetOfACostCentreWithoutFiguresConcludesNothing() {
        AlarmRule rule = RuleFactory.create(new AlarmRuleSettings.Budget(basics("cc", "low"), null, "cc1", "water",
                "day", 50, Duration.ofMinutes(5)), new RuleContext(TestPlant.catalogue(), figures));
        assertEquals(List.of(), rule.poll(at(0, 9, 0)));
        assertEquals(List.of("COST_CENTRE cc1 WATER " + at(0, 8, 0) + " " + at(0, 9, 0)), figures.asked);
        assertEquals("m3", rule.definitions().get(0).unit());
    }

    @ParameterizedTest(name = "main {0}, subs {1} + {2} → {3} % abnormal {4}")
    @CsvSource({
            "1000, 450, 460, 9.0, true",     // (1000 − 910) / 1000 = 9 % > 8 %
            "1000, 460, 460, 8.0, false",    // exactly 8 % is not above
            "1000, 1000, 10, -1.0, false",   // sub-meters above the main: a negative loss is no anomaly here
    })
    void lossAnomaly(double main, double sub1, double sub2, double percent, boolean abnormal) {
        figures.consumption.put("main", main);
        figures.consumption.put("line1-m", sub1);
        figures.consumption.put("line2-m", sub2);
        AlarmRule rule = rule(new AlarmRuleSettings.LossAnomaly(basics("loss", "medium"), "main", 0.08,
                Duration.ofMinutes(15), Duration.ofMinutes(1)));
        Instant now = at(0, 10, 0);
        List<Observation> seen = rule.poll(now);
        assertEquals(1, seen.size());
        assertEquals(abnormal, seen.get(0).abnormal());
        assertEquals(percent, seen.get(0).value(), 1e-9);
        assertEquals(List.of("meter main " + at(0, 9, 45) + " " + now, "meter line1-m " + at(0, 9, 45) + " " + now,
                "meter line2-m " + at(0, 9, 45) + " " + now), figures.asked);
    }

    @Test
    void lossNeedsEveryMeterAndSubMeters() {
        figures.consumption.put("main", 1000.0);
        figures.consumption.put("line1-m", 400.0);
        AlarmRule rule = rule(new AlarmRuleSettings.LossAnomaly(basics("loss", "medium"), "main", 0.08,
                Duration.ofMinutes(15), Duration.ofMinutes(1)));
        assertEquals(List.of(), rule.poll(at(0, 10, 0)));
        assertThrows(IllegalArgumentException.class, () -> rule(new AlarmRuleSettings.LossAnomaly(
                basics("loss2", "medium"), "line1-m", 0.08, Duration.ofMinutes(15), Duration.ofMinutes(1))));
    }

    @ParameterizedTest(name = "{0} % above the baseline → {1}")
    @CsvSource({"20, true", "15, false", "-30, false"})
    void baselineDeviation(double percent, boolean abnormal) {
        figures.baseline = new EnergyFigures.BaselineFigure(120, 100, percent, "kWh");
        AlarmRule rule = rule(new AlarmRuleSettings.BaselineDeviation(basics("baseline", "low"), "line1", null, "day",
                28, 15, Duration.ofMinutes(15)));
        Instant now = at(0, 14, 0);
        assertEquals(List.of(new Observation("baseline/line1", abnormal, percent, now)), rule.poll(now));
        Instant dayStart = at(0, 8, 0);
        assertEquals(List.of("baseline line1 day " + dayStart.minus(Duration.ofDays(28)) + " " + dayStart + " "
                + dayStart + " " + now), figures.asked);
    }
}
