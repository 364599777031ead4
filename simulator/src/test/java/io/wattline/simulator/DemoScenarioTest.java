package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.PlantConfigLoader;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Plant;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The night-waste scenario: its clock starts in the night break, line 2 keeps drawing power through
 * it, and the incomer carries 420 kW no sub-meter sees.
 */
class DemoScenarioTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void theClockStartsAtTheScenariosPlantLocalTimeAndRunsOn() {
        DemoScenario s = DemoScenario.load("night-waste");
        Clock base = Clock.fixed(Instant.parse("2026-03-02T07:00:00Z"), ZoneOffset.UTC); // 15:00 in Shanghai
        Clock clock = s.clock(SHANGHAI, base);
        assertEquals(LocalTime.of(2, 6, 30), clock.instant().atZone(SHANGHAI).toLocalTime());
        assertEquals(java.time.LocalDate.of(2026, 3, 2), clock.instant().atZone(SHANGHAI).toLocalDate());
    }

    @Test
    void theClockNeverRunsAheadOfTheSystemsAfterMidnight() {
        DemoScenario s = DemoScenario.load("night-waste");
        Clock base = Clock.fixed(Instant.parse("2026-12-03T16:23:00Z"), ZoneOffset.UTC); // 00:23 on 12-04 in Shanghai
        Clock clock = s.clock(SHANGHAI, base);
        assertEquals(LocalTime.of(2, 6, 30), clock.instant().atZone(SHANGHAI).toLocalTime());
        assertEquals(java.time.LocalDate.of(2026, 12, 3), clock.instant().atZone(SHANGHAI).toLocalDate());
        assertTrue(!clock.instant().isAfter(base.instant()), clock.instant() + " after " + base.instant());
    }

    @Test
    void lineTwoDrawsThroughTheNightBreakAndTheIncomerNearsItsDemandLimit() throws Exception {
        DemoScenario s = DemoScenario.load("night-waste");
        Plant demo = PlantConfigLoader.withBuiltInProfiles().loadResource("demo/plant.yaml");
        Instant inBreak = java.time.LocalDate.of(2026, 3, 2).atTime(2, 10).atZone(SHANGHAI).toInstant();
        LoadModels plain = LoadModels.fromResource(LoadModels.DEMO_RESOURCE);
        PlantModel normal = PlantModel.create(demo, plain, inBreak.minusSeconds(3600));
        PlantModel scenario = PlantModel.create(demo, s.applyTo(plain), inBreak.minusSeconds(3600));
        normal.advanceTo(inBreak);
        scenario.advanceTo(inBreak);
        double line2Normal = normal.value("line2-power", Quantity.ACTIVE_POWER);
        double line2 = scenario.value("line2-power", Quantity.ACTIVE_POWER);
        assertTrue(line2Normal < 40, "the plain demo's line 2 rests in the break: " + line2Normal + " kW");
        assertTrue(line2 > 80, "the scenario's line 2 does not: " + line2 + " kW");
        double incomer = scenario.value("main-incomer", Quantity.ACTIVE_POWER);
        assertTrue(incomer > 0.9 * 630, "the incomer above 90 % of its 630 kW contract: " + incomer + " kW");
        assertEquals(plain.patterns().keySet().size() + 1, s.applyTo(plain).patterns().size());
    }

    @Test
    void anUnknownScenarioNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoScenario.load("flood"));
        assertEquals("no demo scenario 'flood'; there are: night-waste", e.getMessage());
    }
}
