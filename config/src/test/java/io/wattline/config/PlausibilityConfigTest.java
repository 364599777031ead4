package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plausible.PlausibleValues;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A meter's plausibility limit (maxPowerKw / maxFlowPerHour), its defaults (the profile's rating with
 * its margin, else the plausible range of the counter's rate quantity), the plausibleRanges section, and
 * every mistake in them named with line and field.
 */
class PlausibilityConfigTest {

    private static final Function<String, Optional<DeviceProfile>> MODBUS = id -> TestProfiles.modbus().stream()
            .filter(p -> p.id().equals(id)).findFirst();
    private static final Function<String, Optional<OpcUaProfile>> OPC_UA = id -> Optional.empty();

    private final PlantConfigLoader loader = TestProfiles.loader();

    @Test
    void theMetersOwnLimitWinsElseThePlausibleRangeOfItsRateQuantity() throws Exception {
        String yaml = AccountingConfigTest.small().replace("""
                    area: a1
                    poll: { fast: 1s, slow: 15s }
                """, """
                    area: a1
                    poll: { fast: 1s, slow: 15s }
                    maxPowerKw: 250
                """) + """
                plausibleRanges:
                  ACTIVE_POWER: { min: -800, max: 800 }
                  temperature: { min: -40, max: 200 }
                """;
        Plant plant = loader.parse("plant.yaml", yaml);
        assertEquals(250.0, plant.meter("main").orElseThrow().maxRatePerHour());
        assertEquals(new PlausibleValues.Range(-800, 800), plant.plausible().rangeOf(Quantity.ACTIVE_POWER));
        assertEquals(new PlausibleValues.Range(-40, 200), plant.plausible().rangeOf(Quantity.TEMPERATURE));

        PointCatalogue c = PointCatalogues.build(plant, MODBUS, OPC_UA);
        assertEquals(250.0, c.find(PointId.parse("main.energy")).orElseThrow().maxRatePerHour(), "the plant file's");
        assertEquals(800.0, c.find(PointId.parse("sub.energy")).orElseThrow().maxRatePerHour(),
                "no limit and no rating: the plant's ACTIVE_POWER range");
        assertEquals(Double.POSITIVE_INFINITY, c.find(PointId.parse("main.active_power")).orElseThrow().maxRatePerHour(),
                "a gauge has none");

        Plant plain = loader.parse("plant.yaml", AccountingConfigTest.small());
        assertEquals(1e7, PointCatalogues.build(plain, MODBUS, OPC_UA).find(PointId.parse("sub.energy")).orElseThrow()
                .maxRatePerHour(), "the built-in ACTIVE_POWER range: 10 GW");
    }

    @Test
    void aRatedProfileGivesTheDefaultWithItsMargin() {
        DeviceProfile sdm120 = ProfileCatalog.builtIn().require("eastron/sdm120");
        DeviceProfile.Rating rating = sdm120.rated().orElseThrow();
        assertEquals(10.35, rating.maxRatePerHour(), 1e-9, "Imax 45 A x Un 230 V");
        assertTrue(rating.citation().startsWith("eastron-sdm120-spec"), rating.citation());

        Meter bare = new Meter("m", null, "eastron/sdm120", "bus", 1, EnergyCarrier.ELECTRICITY, null, null, null, null,
                null, Map.of());
        PlausibilityLimit limit = PlausibilityLimit.of(bare, sdm120.rated(), Quantity.ACTIVE_ENERGY_IMPORT,
                PlausibleValues.standard());
        assertEquals(10.35 * PlausibilityLimit.RATING_MARGIN, limit.perHour(), 1e-9);
        assertEquals("profile", limit.source());
        assertEquals("plausibleRanges", PlausibilityLimit.of(bare, sdm120.rated(), Quantity.REACTIVE_ENERGY_IMPORT,
                PlausibleValues.standard()).source(), "a kW rating does not bound kvarh");

        Meter own = new Meter("m", null, "eastron/sdm120", "bus", 1, EnergyCarrier.ELECTRICITY, null, null, null, null,
                null, Map.of(), 5.0);
        assertEquals(new PlausibilityLimit(5.0, "plant"), PlausibilityLimit.of(own, sdm120.rated(),
                Quantity.ACTIVE_ENERGY_IMPORT, PlausibleValues.standard()));
        assertTrue(ProfileCatalog.builtIn().require("chint/dtsu666").rated().isEmpty(),
                "a meter sold with CTs has no rating of its own");
    }

    @Test
    void everyMistakeIsNamedWithLineAndField() throws Exception {
        String base = AccountingConfigTest.small().replace("""
                    carrier: none
                    equipment: e1
                """, """
                    carrier: none
                    equipment: e1
                    maxPowerKw: 5
                  - { id: w1, profile: test/power, connection: bus, unitId: 4, carrier: water, maxPowerKw: 5 }
                  - { id: e2, profile: test/power, connection: bus, unitId: 5, carrier: electricity, maxFlowPerHour: 5 }
                  - { id: e3, profile: test/power, connection: bus, unitId: 6, carrier: heat, maxPowerKw: 5, maxFlowPerHour: 5 }
                  - { id: e4, profile: test/power, connection: bus, unitId: 7, carrier: electricity, maxPowerKw: -1 }
                """);
        int temp = lineOf(base, "maxPowerKw: 5\n");
        int firstLine = (int) base.lines().count() + 1;
        String yaml = base + """
                plausibleRanges:
                  ACTIVE_POWR: { min: 0, max: 1 }
                  VOLUME_FLOW: { min: 10, max: 1 }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", yaml));
        List<ValidationError> errors = e.errors();
        assertHas(errors, temp, "meters[2].maxPowerKw", "without an energy carrier");
        assertHas(errors, temp + 1, "meters[3].maxPowerKw", "takes maxFlowPerHour");
        assertHas(errors, temp + 2, "meters[4].maxFlowPerHour", "takes maxPowerKw");
        assertHas(errors, temp + 3, "meters[5].maxFlowPerHour", "not both");
        assertHas(errors, temp + 4, "meters[6].maxPowerKw", "");
        assertHas(errors, firstLine + 1, "plausibleRanges.ACTIVE_POWR", "did you mean 'ACTIVE_POWER'");
        assertHas(errors, firstLine + 2, "plausibleRanges.VOLUME_FLOW.min", "is above max");
        assertEquals(7, errors.size(), e::getMessage);
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).lines().count() + (text.indexOf(needle) == 0 ? 1 : 0);
    }

    private static void assertHas(List<ValidationError> errors, int line, String field, String text) {
        assertTrue(errors.stream().anyMatch(x -> x.line() == line && x.field().equals(field)
                && x.message().contains(text)), () -> "no error at line " + line + " " + field + " containing '"
                        + text + "' in:\n" + errors.stream().map(ValidationError::toString)
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
