package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Plant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plant that is not the demo, run with the demo's load models: defaults by carrier. */
class DefaultLoadsTest {

    @Test
    void foreignPlantGetsDefaultModelsEvenWithTheDemoLoadFile() {
        Plant plant = HandBuiltPlantIntegrationTest.plant(1502);
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        PlantModel model = PlantModel.create(plant, LoadModels.fromResource(LoadModels.DEMO_RESOURCE), start);
        assertEquals(List.of("press", "hall-temp"), model.meterIds());
        double before = model.truth("press", Quantity.ACTIVE_ENERGY_IMPORT);
        model.advanceTo(start.plusSeconds(3600));
        double kwh = model.truth("press", Quantity.ACTIVE_ENERGY_IMPORT) - before;
        // default electricity load: 10..60 kW, here at constant full activity
        assertTrue(kwh > 40 && kwh < 80, kwh + " kWh in an hour");
        double t = model.value("hall-temp", Quantity.TEMPERATURE);
        assertTrue(t > 15 && t < 30, t + " degC");
        assertEquals(List.of(), model.counters("hall-temp"));
    }

    private static LoadModels parse(String yaml) {
        return LoadModels.parse("loads.yaml", new java.io.ByteArrayInputStream(
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void sumOverAMeterWithTheDefaultModelAddsUp() {
        Plant plant = HandBuiltPlantIntegrationTest.plant(1502);
        LoadModels loads = parse("""
                meters:
                  hall-temp: { kind: electricity, sumOf: [press], extra: [ { idle: 2, full: 2 } ], lossFraction: 0.1 }
                """);
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        PlantModel model = PlantModel.create(plant, loads, start);
        double sum0 = model.truth("hall-temp", Quantity.ACTIVE_ENERGY_IMPORT);
        double sub0 = model.truth("press", Quantity.ACTIVE_ENERGY_IMPORT);
        model.advanceTo(start.plusSeconds(1800));
        double sum = model.truth("hall-temp", Quantity.ACTIVE_ENERGY_IMPORT) - sum0;
        double sub = model.truth("press", Quantity.ACTIVE_ENERGY_IMPORT) - sub0;
        // half an hour: sum = 1.1 x sub-meter + 2 kW x 0.5 h
        assertEquals(1.1 * sub + 1.0, sum, 1e-9 * sum);
    }

    @Test
    void sumOfAMeterThePlantLacksIsNamed() {
        Plant plant = HandBuiltPlantIntegrationTest.plant(1502);
        LoadModels loads = parse("""
                meters:
                  press: { kind: electricity, sumOf: [ghost] }
                """);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlantModel.create(plant, loads, Instant.EPOCH));
        assertTrue(e.getMessage().contains("meters.press.sumOf names meter 'ghost'"), e.getMessage());
    }
}
