package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.LINE1_TEMP;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.Priority;
import io.wattline.alarms.TestPlant;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HH, H, L, LL with a deadband of 5: the condition starts beyond the limit and ends only past the deadband. */
class LimitRuleTest {

    private static final AlarmRule RULE = TestPlant.rule(new AlarmRuleSettings.Limit(basics("oil", "medium"),
            List.of(LINE1_TEMP.toString()), 120.0, 100.0, 20.0, 10.0, 5, Map.of("hh", "critical"), true));

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            // level, values (one a second), expected observation per value
            "H,  99 101 97 95.5 95 94,       n a a a n n",
            "H,  100 100.1 100,               n a a",
            "HH, 119 121 130 116 115 114.9,  n a a a n n",
            "L,  21 19 22 24.9 25 26,        n a a a n n",
            "LL, 11 9 14.9 15,               n a a n",
    })
    void deadband(String level, String values, String expected) {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.Limit(basics("oil", "medium"),
                List.of(LINE1_TEMP.toString()), 120.0, 100.0, 20.0, 10.0, 5, Map.of(), true));
        assertEquals(expected, RuleTesting.observe(rule, LINE1_TEMP, at(0, 10, 0), values,
                "oil/line1-m.temperature/" + level));
    }

    @Test
    void eachLevelIsAnAlarmWithItsPriorityLimitAndPlace() {
        List<AlarmDefinition> d = RULE.definitions();
        assertEquals(List.of("oil/line1-m.temperature/HH", "oil/line1-m.temperature/H", "oil/line1-m.temperature/L",
                "oil/line1-m.temperature/LL"), d.stream().map(AlarmDefinition::key).toList());
        assertEquals(Priority.CRITICAL, d.get(0).priority());
        assertEquals(Priority.MEDIUM, d.get(1).priority());
        assertEquals(100.0, d.get(1).limit());
        assertEquals("line1", d.get(1).lineId());
        assertEquals("degC", d.get(1).unit());
    }

    @Test
    void badReadingsAreNotCompared() {
        List<Observation> seen = new ArrayList<>();
        RULE.onSample(Sample.bad(LINE1_TEMP, at(0, 10, 0), "timeout"), seen);
        assertEquals(List.of(), seen);
    }

    @Test
    void defaultMessageInBothLanguagesWithUnitsAndPlantTime() {
        AlarmDefinition hh = RULE.definitions().get(0);
        Map<String, String> m = hh.messages(121.46, at(0, 10, 5), TestPlant.ZONE);
        assertEquals("Line 1 meter Oil temperature高高报警 121 °C(限值 120 °C)", m.get("zh-CN"));
        assertEquals("Line 1 meter Oil temperature high-high 121 °C (limit 120 °C)", m.get("en"));
    }
}
