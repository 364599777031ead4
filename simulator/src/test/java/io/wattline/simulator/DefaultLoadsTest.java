package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void flowMetersWithoutALoadModelGetThePipeOfTheirCarrier() {
        Plant hand = HandBuiltPlantIntegrationTest.plant(1502);
        List<Meter> meters = new ArrayList<>();
        int unit = 10;
        for (EnergyCarrier c : List.of(EnergyCarrier.STEAM, EnergyCarrier.NATURAL_GAS,
                EnergyCarrier.COMPRESSED_AIR, EnergyCarrier.WATER)) {
            meters.add(new Meter(c.name().toLowerCase(java.util.Locale.ROOT), c.name(), "any/profile", "bus", unit++, c,
                    null, null, null, null, null, Map.of()));
        }
        Plant plant = new Plant("flows", hand.zone(), List.of(), List.of(), List.of(), List.of(), List.of(),
                hand.connections(), meters, hand.shiftCalendar(), hand.tariff());
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        PlantModel model = PlantModel.create(plant, LoadModels.defaults(), start);
        model.advanceTo(start.plusSeconds(600));

        Map<Quantity, Double> steam = model.readings("steam");
        double kpa = steam.get(Quantity.PRESSURE);
        assertTrue(kpa > 1100 && kpa < 1300, "steam at " + kpa + " kPa(a)");
        assertEquals(SaturatedSteam.temperature(kpa), steam.get(Quantity.TEMPERATURE), 1e-9);
        double v = steam.get(Quantity.VOLUME_FLOW) / (steam.get(Quantity.MASS_FLOW) * 1000);
        assertTrue(v > 0.15 && v < 0.19, "steam at " + v + " m3/kg");
        assertEquals(List.of(Quantity.MASS), model.counters("steam"));

        Map<Quantity, Double> air = model.readings("compressed_air");
        assertTrue(air.get(Quantity.PRESSURE) > 640 && air.get(Quantity.PRESSURE) < 760, "air " + air);
        Map<Quantity, Double> gas = model.readings("natural_gas");
        assertTrue(gas.get(Quantity.PRESSURE) > 15 && gas.get(Quantity.PRESSURE) < 25, "gas " + gas);
        Map<Quantity, Double> water = model.readings("water");
        assertEquals(water.get(Quantity.VOLUME_FLOW), water.get(Quantity.MASS_FLOW), 1e-12);
        for (String id : List.of("natural_gas", "compressed_air", "water")) {
            Map<Quantity, Double> r = model.readings(id);
            double t = r.get(Quantity.TEMPERATURE);
            assertTrue(t > 10 && t < 35, id + " at " + t + " degC");
            assertTrue(r.get(Quantity.FLOW_VELOCITY) > 0, id + " " + r);
            // counters: volume, and mass = volume × density grows in step with it
            assertEquals(List.of(Quantity.VOLUME, Quantity.MASS), model.counters(id));
            double volume = model.truth(id, Quantity.VOLUME) - model.initialReading(id, Quantity.VOLUME);
            double mass = model.truth(id, Quantity.MASS) - model.initialReading(id, Quantity.MASS);
            assertEquals(mass / volume, r.get(Quantity.MASS_FLOW) / r.get(Quantity.VOLUME_FLOW), 1e-9, id);
        }
    }

    @Test
    void aPipeOnAMeterThatIsNoFlowIsNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parse("""
                        meters:
                          press: { kind: electricity, pattern: null, idle: 1, full: 2, pipe: { pressure: 600 } }
                        """));
        assertTrue(e.getMessage().contains("meters.press.pipe: only flow meters have a pipe"), e.getMessage());
    }
}
