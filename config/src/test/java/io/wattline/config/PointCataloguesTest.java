package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The catalogue built from both profile kinds: a Modbus meter's points with their poll periods and
 * wrap spans, an OPC UA meter's with its sampling intervals, the demo plant with the shipped
 * profiles, and the meter named when its profile is unknown or of the other kind.
 */
class PointCataloguesTest {

    private static final Function<String, Optional<DeviceProfile>> MODBUS = id -> TestProfiles.modbus().stream()
            .filter(p -> p.id().equals(id)).findFirst();
    private static final Function<String, Optional<OpcUaProfile>> OPC_UA = id -> TestProfiles.opcUa().stream()
            .filter(p -> p.id().equals(id)).findFirst();

    private static Plant small() throws ConfigException {
        return TestProfiles.loader().load(Path.of("src/test/resources/config/valid-opcua-meter.yaml"));
    }

    @Test
    void modbusAndOpcUaMetersAreCataloguedAlike() throws ConfigException {
        PointCatalogue c = PointCatalogues.build(small(), MODBUS, OPC_UA);

        CataloguedPoint energy = c.find(PointId.parse("main.energy")).orElseThrow();
        assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, energy.quantity());
        assertEquals("modbus", energy.protocol());
        assertEquals(Duration.ofSeconds(15), energy.period(), "the meter's own period for the slow group");
        assertEquals(Duration.ofSeconds(1), c.find(PointId.parse("main.active_power")).orElseThrow().period());
        assertEquals(0, energy.wrapSpan(), "no counter maximum: never wraps");
        assertEquals(PointCatalogues.DEFAULT_POLL_PERIOD, c.find(PointId.parse("sub.energy")).orElseThrow().period(),
                "neither the meter nor the profile gives a period");

        CataloguedPoint drive = c.find(PointId.parse("line_plc.drive_power")).orElseThrow();
        assertEquals("opcua", drive.protocol());
        assertEquals(Quantity.ACTIVE_POWER, drive.quantity());
        assertEquals(Duration.ofSeconds(1), drive.period(), "the OPC UA sampling interval");
        assertEquals("l1", drive.place().lineId());
        assertEquals("s1", drive.place().siteId());

        assertEquals(List.of("main", "sub"), c.accountingCounters().stream().map(CataloguedPoint::meterId).toList());
        assertEquals(List.of("energy", "comm_online", "comm_state", "comm_success_ratio", "comm_latency_ms",
                "comm_latency_p95_ms"), c.ofMeter("sub").stream().filter(p -> !p.id().point().equals("active_power"))
                .map(p -> p.id().point()).toList());
        assertEquals("a2", c.place("temp").orElseThrow().areaId(), "the area of the meter's equipment");
    }

    @Test
    void theDemoPlantWithTheShippedProfiles() throws ConfigException {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant demo = new PlantConfigLoader(catalog::find).load(DemoPlantTest.DEMO);
        PointCatalogue c = PointCatalogues.build(demo, catalog::find, OpcUaProfileLoader.builtIn()::find);

        assertEquals(List.of(), c.metersWithoutAccountingCounter(), "every energy meter has a counter to account");
        assertEquals(List.of("main-incomer", "line1-power", "line2-power", "compressor-power", "boiler-aux-power",
                "water-main", "line1-water", "boiler-gas", "boiler-steam", "compressed-air"),
                c.accountingCounters().stream().map(CataloguedPoint::meterId).toList());
        CataloguedPoint line1 = c.accountingCounter("line1-power").orElseThrow();
        double profileSpan = catalog.require("eastron/sdm630").point(line1.id().point()).orElseThrow().wrapSpan();
        assertEquals(Double.isNaN(profileSpan) ? 0 : profileSpan, line1.wrapSpan(), "the profile's wrap span");
        assertEquals(List.of("line1-plc.good_count", "line1-plc.scrap_count"),
                c.productionCounters("line1").stream().map(p -> p.id().toString()).toList());
        assertEquals("opcua", c.productionCounters("line1").get(0).protocol());
        assertEquals(List.of(), c.productionCounters("line2"));
        // equipment in the utilities area, which has no line: no line, and no failure
        assertEquals(null, c.place("compressor-power").orElseThrow().lineId());
        assertEquals("utilities", c.place("compressor-power").orElseThrow().areaId());
        assertEquals(List.of("line1-power", "line1-water", "line1-plc"),
                c.metersOnLine("line1").stream().map(Meter::id).toList());
    }

    @Test
    void anUnknownProfileNamesTheMeter() throws ConfigException {
        Plant plant = withMeter(small(), "sub", "test/nosuch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCatalogues.build(plant, MODBUS, OPC_UA));
        assertEquals("meter sub: unknown profile 'test/nosuch'", e.getMessage());
    }

    @Test
    void aProfileOfTheOtherKindIsNamedAsSuch() throws ConfigException {
        IllegalArgumentException onOpcUa = assertThrows(IllegalArgumentException.class,
                () -> PointCatalogues.build(withMeter(small(), "line_plc", "test/power"), MODBUS, OPC_UA));
        assertEquals("meter line_plc: unknown OPC UA profile 'test/power'; 'test/power' is a Modbus profile, but "
                + "connection 'plc' is opc-ua", onOpcUa.getMessage());
        IllegalArgumentException onModbus = assertThrows(IllegalArgumentException.class,
                () -> PointCatalogues.build(withMeter(small(), "main", "test/press"), MODBUS, OPC_UA));
        assertTrue(onModbus.getMessage().startsWith("meter main: unknown profile 'test/press'; 'test/press' is an "
                + "OPC UA profile"), onModbus.getMessage());
    }

    private static Plant withMeter(Plant p, String meterId, String profile) {
        List<Meter> meters = new ArrayList<>();
        for (Meter m : p.meters()) {
            meters.add(!m.id().equals(meterId) ? m : new Meter(m.id(), m.name(), profile, m.connectionId(),
                    m.unitId(), m.carrier(), m.areaId(), m.lineId(), m.equipmentId(), m.costCentreId(),
                    m.parentMeterId(), m.pollGroups()));
        }
        return new Plant(p.name(), p.zone(), p.sites(), p.areas(), p.lines(), p.equipment(), p.costCentres(),
                p.connections(), meters, p.shiftCalendar(), p.tariff(), p.meterEvents(), p.virtualMeters());
    }
}
