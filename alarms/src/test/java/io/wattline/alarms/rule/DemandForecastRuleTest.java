package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.MAIN_ENERGY;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.TestPlant;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The projection of the running 15-minute block, computed by hand. Contracted 500 kW, alarm at
 * 90 %: 450 kW; trend 1 min. Readings are "seconds after 10:00:00 = counter kWh".
 */
class DemandForecastRuleTest {

    private static DemandForecastRule rule() {
        return (DemandForecastRule) TestPlant.rule(new AlarmRuleSettings.DemandForecast(basics("demand", "critical"),
                "main", 500, 0.9, Duration.ofMinutes(15), Duration.ofMinutes(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Steady 360 kW (6 kWh a minute). At 10:01:30, C(10:00) = (1000 + 1006) / 2 = 1003 (interpolated),
            // E = 1012 − 1003 = 9 kWh, r = 6 kWh / 1 min = 360 kW, 13.5 min left: (9 + 360 × 0.225) / 0.25 = 360 kW.
            "steady 360 kW            | -30=1000 30=1006 90=1012            | 360",
            // Then 600 kW (10 kWh a minute): E = 1022 − 1003 = 19, r = 600 kW, 12.5 min left:
            // (19 + 600 × 12.5 / 60) / 0.25 = (19 + 125) × 4 = 576 kW.
            "load rises to 600 kW     | -30=1000 30=1006 90=1012 150=1022   | 576",
            // No reading before the block: C(10:00) = 2000 − 360 kW × 20 s = 1998; E = 5; r = 3 kWh / 30 s = 360 kW;
            // 850 s left: (5 + 360 × 850 / 3600) / 0.25 = (5 + 85) × 4 = 360 kW.
            "started inside the block | 20=2000 50=2003                     | 360",
            // The register wraps at 100000 between the first two readings: 99998 → 100004 → 100010, as steady.
            "counter wraps            | -30=99998 30=4 90=10                | 360",
            // Half a block at 200 kW, then 800 kW for the last minute: E = 25 + 13.333 (10:07:30 → 10:08:30),
            // C(10:00) = 1000 exactly; r = 800 kW; 6.5 min left: (38.333 + 86.667) × 4 = 500 kW.
            "late surge               | 0=1000 450=1025 510=1038.3333333333 | 500",
    })
    void projection(String name, String readings, double expectedKw) {
        DemandForecastRule rule = rule();
        Instant last = null;
        for (String r : readings.trim().split("\\s+")) {
            String[] tv = r.split("=");
            last = at(0, 10, 0).plusSeconds(Long.parseLong(tv[0]));
            rule.add(last, Double.parseDouble(tv[1]));
        }
        assertEquals(expectedKw, rule.projection(last), 1e-6);
    }

    @Test
    void observesAgainstTheShareOfTheContractedDemand() {
        DemandForecastRule rule = rule();
        List<Observation> seen = new ArrayList<>();
        double[] counter = {1000, 1006, 1012, 1022};
        int[] seconds = {-30, 30, 90, 150};
        for (int i = 0; i < counter.length; i++) {
            rule.onSample(Sample.good(MAIN_ENERGY, at(0, 10, 0).plusSeconds(seconds[i]), counter[i]), seen);
        }
        assertEquals(List.of(false, false, true), seen.stream().map(Observation::abnormal).toList());
        assertEquals(576, seen.get(2).value(), 1e-6);
        assertEquals(450.0, rule.definitions().get(0).limit());
    }

    @Test
    void aResetForgetsTheOldRegisterAndBlocksFollowThePlantClock() {
        DemandForecastRule rule = rule();
        rule.add(at(0, 10, 0), 5000);
        rule.add(at(0, 10, 1), 12);
        assertNull(rule.projection(at(0, 10, 1)));
        assertEquals(at(0, 10, 15), rule.blockStart(at(0, 10, 29).plusSeconds(59)));
        assertTrue(rule.definitions().get(0).messages(576.0, at(0, 10, 2), TestPlant.ZONE).get("zh-CN")
                .contains("预计 576 kW,超过 450 kW"));
    }
}
