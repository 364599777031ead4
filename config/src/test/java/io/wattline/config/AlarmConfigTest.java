package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.alarm.LineStopSignal;
import io.wattline.core.alarm.TimeWindow;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alarms section: every rule type mapped with its defaults, and every mistake with line and field. */
class AlarmConfigTest {

    private final PlantConfigLoader loader = TestProfiles.loader();

    private static String small() throws IOException {
        return AccountingConfigTest.small();
    }

    @Test
    void everyRuleTypeMapsToCoreRecordsWithDefaults() throws Exception {
        Plant plant = loader.parse("plant.yaml", small() + """
                alarms:
                  maxShelve: 4h
                  rules:
                    - id: power
                      type: limit
                      priority: high
                      points: [main.active_power]
                      hh: 600
                      h: 500
                      deadband: 10
                      levelPriorities: { hh: critical }
                      onDelay: 10s
                      offDelay: 30s
                      message: { zh-CN: "{point}功率过高 {value} {unit}", en: "{point} power high {value} {unit}" }
                    - { id: ramp, type: rate, points: [sub.active_power], risePerMinute: 50, suppressWhenLineStops: false }
                    - { id: comm, type: communication, priority: critical }
                    - { id: frozen, type: stale, points: [temp.temperature], after: 2m }
                    - { id: demand, type: demand, meter: main, contractedKw: 500, share: 0.9 }
                    - { id: budget, type: budget, line: l1, per: shift, budget: 900 }
                    - id: waste
                      type: waste
                      line: l1
                      aboveKw: 20
                      breaks: [{ start: "12:00", end: "12:30" }]
                      idleShifts: [night]
                    - { id: loss, type: loss, meter: main, share: 0.08, onDelay: 5m }
                    - { id: baseline, type: baseline, line: l1, abovePercent: 15 }
                  lineStops:
                    - { line: l1, point: sub.active_power, stoppedBelow: 2 }
                  beacons:
                    - { id: horn, connection: tcp, unitId: 9, coil: 3, priorities: [critical, high] }
                    - { id: tower, connection: tcp, unitId: 9, register: 10, onValue: 2, priorities: [critical] }
                """);
        AlarmSettings a = plant.alarms();
        assertEquals(Duration.ofHours(4), a.maxShelve());
        assertEquals(List.of("limit", "rate", "communication", "stale", "demand", "budget", "waste", "loss", "baseline"),
                a.rules().stream().map(AlarmRuleSettings::type).toList());
        AlarmRuleSettings.Limit limit = (AlarmRuleSettings.Limit) a.rules().get(0);
        assertEquals(600.0, limit.hh());
        assertEquals(null, limit.l());
        assertEquals(Map.of("hh", "critical"), limit.levelPriorities());
        assertEquals(Duration.ofSeconds(10), limit.basics().onDelay());
        assertEquals("{point} power high {value} {unit}", limit.basics().messages().get("en"));
        assertTrue(limit.suppressible(), "suppressed while the line stops unless told otherwise");
        assertEquals(false, ((AlarmRuleSettings.Rate) a.rules().get(1)).suppressible());
        assertEquals("medium", a.rules().get(1).basics().priority(), "default priority");
        assertEquals(List.of(), ((AlarmRuleSettings.CommunicationLoss) a.rules().get(2)).meters());
        assertEquals(new AlarmRuleSettings.DemandForecast(a.rules().get(4).basics(), "main", 500, 0.9,
                Duration.ofMinutes(15), Duration.ofMinutes(1)), a.rules().get(4));
        AlarmRuleSettings.Budget budget = (AlarmRuleSettings.Budget) a.rules().get(5);
        assertEquals(Duration.ofMinutes(1), budget.every());
        AlarmRuleSettings.Waste waste = (AlarmRuleSettings.Waste) a.rules().get(6);
        assertEquals(List.of(new TimeWindow(LocalTime.NOON, LocalTime.of(12, 30))), waste.breaks());
        assertEquals(Duration.ofMinutes(15), ((AlarmRuleSettings.LossAnomaly) a.rules().get(7)).window());
        AlarmRuleSettings.BaselineDeviation baseline = (AlarmRuleSettings.BaselineDeviation) a.rules().get(8);
        assertEquals("day", baseline.period());
        assertEquals(28, baseline.baselineDays());
        assertEquals(List.of(new LineStopSignal("l1", "sub.active_power", List.of(), 2.0)), a.lineStops());
        assertEquals(new BeaconSettings("horn", "tcp", 9, true, 3, 1, 0, Set.of("critical", "high"), null),
                a.beacons().get(0));
        assertEquals(new BeaconSettings("tower", "tcp", 9, false, 10, 2, 0, Set.of("critical"), null),
                a.beacons().get(1));
    }

    @Test
    void aPlantWithoutTheSectionHasNoRules() throws Exception {
        assertTrue(loader.parse("plant.yaml", small()).alarms().rules().isEmpty());
    }

    @Test
    void everyMistakeIsReportedWithLineAndField() throws Exception {
        String base = small();
        int first = (int) base.lines().count() + 1;
        String yaml = base + """
                alarms:
                  rules:
                    - { id: p, type: limit, points: [main.activ_power, nometer.x], h: 500, hh: 400 }
                    - { id: p, type: limit, points: [sub.active_power], aboveKw: 3, levelPriorities: { l: low } }
                    - { id: w, type: waste, line: l1, breaks: [{ start: "02:00", end: "02:30" }] }
                    - id: m
                      type: communication
                      meters: [mian]
                      message: { zh-CN: "{meter}通讯中断", en: "{meterr} lost {value" }
                    - { id: d, type: demand, meter: temp, contractedKw: 500, share: 0.9 }
                    - { id: b, type: budget, per: week, budget: 10 }
                    - { id: x, type: loss, meter: sub, share: 1.5 }
                    - { id: r, type: rate, points: [main.energy] }
                    - { id: s, type: stale, points: [main.comm_online] }
                    - { id: i, type: waste, line: l1, aboveKw: 5, idleShifts: [nite] }
                  lineStops:
                    - { line: l2, point: sub.active_power }
                  beacons:
                    - { id: horn, connection: bus, unitId: 9, coil: 1, register: 2, priorities: [high] }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", yaml));
        List<ValidationError> errors = e.errors();
        assertHas(errors, first + 2, "alarms.rules[0].points[0]", "has no point 'activ_power'; did you mean 'active_power'?");
        assertHas(errors, first + 2, "alarms.rules[0].points[1]", "unknown meter 'nometer'");
        assertHas(errors, first + 2, "alarms.rules[0].hh", "limits must rise from ll to hh: hh (400.0) is not above h");
        assertHas(errors, first + 3, "alarms.rules[1].id", "duplicate rule id 'p'");
        assertHas(errors, first + 3, "alarms.rules[1].aboveKw", "'aboveKw' does not apply to a limit rule");
        assertHas(errors, first + 3, "alarms.rules[1].levelPriorities.l", "level 'l' has no limit");
        assertHas(errors, first + 3, "alarms.rules[1]", "needs at least one of hh, h, l, ll");
        assertHas(errors, first + 4, "alarms.rules[2].aboveKw", "missing required field");
        assertHas(errors, first + 7, "alarms.rules[3].meters[0]", "unknown meter 'mian'; did you mean 'main'?");
        assertHas(errors, first + 8, "alarms.rules[3].message.en", "unknown placeholder {meterr}");
        assertHas(errors, first + 8, "alarms.rules[3].message.en", "'{' at character 15 is not closed");
        assertHas(errors, first + 9, "alarms.rules[4].meter", "does not meter electricity");
        assertHas(errors, first + 10, "alarms.rules[5].per", "");
        assertHas(errors, first + 10, "alarms.rules[5]", "give line or costCentre");
        assertHas(errors, first + 11, "alarms.rules[6].meter", "has no sub-meters");
        assertHas(errors, first + 11, "alarms.rules[6].share", "a loss share is below 1");
        assertHas(errors, first + 12, "alarms.rules[7]", "needs risePerMinute, fallPerMinute or both");
        assertHas(errors, first + 14, "alarms.rules[9].idleShifts[0]", "unknown shift 'nite'");
        assertHas(errors, first + 16, "alarms.lineStops[0].line", "unknown line 'l2'");
        assertHas(errors, first + 16, "alarms.lineStops[0]", "stoppedValues or stoppedBelow");
        assertHas(errors, first + 18, "alarms.beacons[0]", "give one of coil, register");
        assertHas(errors, first + 18, "alarms.beacons[0].connection", "is modbus-rtu: a beacon needs a modbus-tcp");
        assertEquals(23, errors.size(), e::getMessage);
    }

    private static void assertHas(List<ValidationError> errors, int line, String field, String text) {
        assertTrue(errors.stream().anyMatch(x -> x.line() == line && x.field().equals(field)
                && x.message().contains(text)), () -> "no error at line " + line + " " + field + " containing '"
                        + text + "' in:\n" + errors.stream().map(ValidationError::toString)
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
