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
}
