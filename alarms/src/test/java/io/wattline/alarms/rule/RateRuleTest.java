package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.LINE1_POWER;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.TestPlant;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rate of change per minute between consecutive readings one second apart (× 60). */
class RateRuleTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // 1 kW in one second is 60 kW/min; the limits are 90 kW/min up and 120 kW/min down
            "RISE, 100 101 102.4 104 104,   - n n a n",
            "FALL, 100 99 97 95 95,         - n n n n",
            "FALL, 100 97.9 95.8 95.8,      - a a n",
    })
    void perMinute(String condition, String values, String expected) {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.Rate(basics("ramp", "low"),
                List.of(LINE1_POWER.toString()), 90.0, 120.0, false));
        assertEquals(expected, RuleTesting.observe(rule, LINE1_POWER, at(0, 9, 0), values,
                "ramp/line1-m.active_power/" + condition));
    }

    @Test
    void readingsUnderASecondApartAreNotCompared() {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.Rate(basics("ramp", "low"),
                List.of(LINE1_POWER.toString()), 90.0, null, false));
        List<Observation> seen = new ArrayList<>();
        rule.onSample(Sample.good(LINE1_POWER, at(0, 9, 0), 100), seen);
        rule.onSample(Sample.good(LINE1_POWER, at(0, 9, 0).plusMillis(200), 150), seen);
        assertEquals(List.of(), seen);
        assertEquals(1, rule.definitions().size());
        assertEquals("kW/min", rule.definitions().get(0).unit());
    }
}
