package io.wattline.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalogue's one meter-to-place resolution, its counter choice per carrier, its health points
 * and its production counters, on a small plant whose every meter tests one rule (the comment on
 * each meter says which).
 */
class PointCatalogueTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    // site s1: area a1 (workshop) with lines l1, l2 and equipment press1 on l2; area a2 (utilities)
    // with equipment comp1 on no line.
    private static final List<Site> ONE_SITE = List.of(new Site("s1", "Site 1 一厂"));
    private static final List<Area> AREAS = List.of(new Area("a1", "Workshop 车间", "s1"),
            new Area("a2", "Utilities 动力站", "s1"));
    private static final List<ProductionLine> LINES = List.of(new ProductionLine("l1", "Line 1", "a1"),
            new ProductionLine("l2", "Line 2", "a1"));
    private static final List<Equipment> EQUIPMENT = List.of(new Equipment("press1", "Press 压力机", "a1", "l2"),
            new Equipment("comp1", "Compressor 空压机", "a2", null));

    private static final List<Meter> METERS = List.of(
            // an area only: no line, no equipment
            meter("main", EnergyCarrier.ELECTRICITY, "a1", null, null, "cc1"),
            // a line only: the area is the line's
            meter("line1", EnergyCarrier.ELECTRICITY, null, "l1", null, null),
            // equipment only: the line is the equipment's, the area the line's
            meter("press", EnergyCarrier.ELECTRICITY, null, null, "press1", null),
            // equipment in an area without a line, area given: no line (this was an NPE in the KPIs)
            meter("comp", EnergyCarrier.ELECTRICITY, "a2", null, "comp1", null),
            // equipment in an area without a line, nothing else given: the area is the equipment's
            meter("comp-air", EnergyCarrier.COMPRESSED_AIR, null, null, "comp1", null),
            // nothing: the site is the plant's only one
            meter("incomer", EnergyCarrier.ELECTRICITY, null, null, null, null),
            meter("water", EnergyCarrier.WATER, "a2", null, null, null),
            meter("gas", EnergyCarrier.NATURAL_GAS, "a2", null, null, null),
            meter("steam-mass", EnergyCarrier.STEAM, "a2", null, null, null),
            meter("steam-volume", EnergyCarrier.STEAM, "a2", null, null, null),
            meter("heat", EnergyCarrier.HEAT, "a2", null, null, null),
            // an electricity meter that reads power only: accounting cannot read it
            meter("power-only", EnergyCarrier.ELECTRICITY, "a1", null, null, null),
            meter("thermo", EnergyCarrier.NONE, "a1", null, null, null),
            // production: two PLCs on line 1 (one through nothing but its line), one on line 2 by equipment
            meter("plc-a", EnergyCarrier.NONE, null, "l1", null, null),
            meter("plc-b", EnergyCarrier.NONE, "a1", "l1", null, null),
            meter("plc-press", EnergyCarrier.NONE, null, null, "press1", null),
            // no points at all in the map below: health points only
            meter("silent", EnergyCarrier.ELECTRICITY, "a1", null, null, null));

    private static final Map<String, List<PointSpec>> POINTS = points();

    private static Map<String, List<PointSpec>> points() {
        Map<String, List<PointSpec>> m = new LinkedHashMap<>();
        for (String id : List.of("main", "line1", "press", "comp", "incomer")) {
            m.put(id, List.of(spec("active_power", Quantity.ACTIVE_POWER, 0),
                    spec("active_energy_export", Quantity.ACTIVE_ENERGY_EXPORT, 0),
                    spec("active_energy_import", Quantity.ACTIVE_ENERGY_IMPORT, 4_294_967.296),
                    spec("reactive_energy_import", Quantity.REACTIVE_ENERGY_IMPORT, 0)));
        }
        m.put("comp-air", List.of(spec("flow", Quantity.VOLUME_FLOW, 0), spec("total", Quantity.VOLUME, 1e8)));
        m.put("water", List.of(spec("total", Quantity.VOLUME, 0)));
        m.put("gas", List.of(spec("standard_volume", Quantity.VOLUME, 0)));
        // steam: mass is preferred even when volume is declared first
        m.put("steam-mass", List.of(spec("volume", Quantity.VOLUME, 0), spec("mass", Quantity.MASS, 0)));
        m.put("steam-volume", List.of(spec("volume", Quantity.VOLUME, 0)));
        // heat: heat energy, not the electricity counter a heat meter may also carry
        m.put("heat", List.of(spec("pump_energy", Quantity.ACTIVE_ENERGY_IMPORT, 0),
                spec("heat", Quantity.HEAT_ENERGY, 0)));
        m.put("power-only", List.of(spec("active_power", Quantity.ACTIVE_POWER, 0)));
        m.put("thermo", List.of(spec("temperature", Quantity.TEMPERATURE, 0)));
        m.put("plc-a", List.of(spec("scrap_count", Quantity.PRODUCTION_COUNT, 0),
                spec("good_count", Quantity.PRODUCTION_COUNT, 65_536)));
        m.put("plc-b", List.of(spec("parts", Quantity.PRODUCTION_COUNT, 0), spec("state", Quantity.STATUS, 0)));
        m.put("plc-press", List.of(spec("good_count", Quantity.PRODUCTION_COUNT, 0)));
        return m;
    }

    private static final PointCatalogue CATALOGUE = PointCatalogue.build(plant(ONE_SITE, METERS), POINTS);

    private static Plant plant(List<Site> sites, List<Meter> meters) {
        return new Plant("Test plant 测试工厂", ZoneId.of("Asia/Shanghai"), sites, AREAS, LINES, EQUIPMENT,
                List.of(new CostCentre("cc1", "Production 生产部")), List.of(), meters, null, null);
    }

    private static Meter meter(String id, EnergyCarrier carrier, String area, String line, String equipment,
            String costCentre) {
        return new Meter(id, id.toUpperCase(java.util.Locale.ROOT), "test/" + id, "gw", 1, carrier, area, line,
                equipment, costCentre, null, Map.of());
    }

    private static PointSpec spec(String name, Quantity quantity, double wrapSpan) {
        return new PointSpec(name, null, quantity, null, wrapSpan, SECOND, "modbus");
    }

    @ParameterizedTest(name = "{0}: site {1}, area {2}, line {3}, equipment {4}")
    @CsvSource(nullValues = "-", value = {
            "main,      s1, a1, -,  -",
            "line1,     s1, a1, l1, -",
            "press,     s1, a1, l2, press1",
            "comp,      s1, a2, -,  comp1",
            "comp-air,  s1, a2, -,  comp1",
            "incomer,   s1, -,  -,  -",
            "plc-press, s1, a1, l2, press1",
    })
    void placeIsResolvedOnceFromMeterLineAndEquipment(String meter, String site, String area, String line,
            String equipment) {
        PlantPlace place = CATALOGUE.place(meter).orElseThrow();
        assertEquals(new PlantPlace(site, area, line, equipment, meter.equals("main") ? "cc1" : null), place);
        // every point of the meter, health points included, carries the same place
        CATALOGUE.ofMeter(meter).forEach(p -> assertEquals(place, p.place(), p.id().toString()));
    }

    @Test
    void aMeterWithoutAreaIsOnNoSiteWhenThePlantHasSeveral() {
        List<Site> two = List.of(ONE_SITE.get(0), new Site("s2", "Site 2 二厂"));
        PointCatalogue c = PointCatalogue.build(plant(two, METERS), POINTS);
        assertEquals(new PlantPlace(null, null, null, null, null), c.place("incomer").orElseThrow(),
                "no guess among two sites");
        assertEquals("s1", c.place("line1").orElseThrow().siteId(), "an area still gives the site");
        assertTrue(c.place("nosuch").isEmpty());
    }

    @Test
    void metersOnALineIncludeThoseOnItThroughTheirEquipment() {
        assertEquals(List.of("line1", "plc-a", "plc-b"), ids(CATALOGUE.metersOnLine("l1")));
        assertEquals(List.of("press", "plc-press"), ids(CATALOGUE.metersOnLine("l2")));
        assertEquals(List.of(), CATALOGUE.metersOnLine("l9"));
    }

    @ParameterizedTest(name = "{0} accounts {1}")
    @CsvSource(nullValues = "-", value = {
            "main,         active_energy_import",
            "comp-air,     total",
            "water,        total",
            "gas,          standard_volume",
            "steam-mass,   mass",
            "steam-volume, volume",
            "heat,         heat",
            "power-only,   -",
            "thermo,       -",
            "silent,       -",
            "nosuch,       -",
    })
    void accountingCounterFollowsTheCarrier(String meter, String point) {
        Optional<CataloguedPoint> counter = CATALOGUE.accountingCounter(meter);
        assertEquals(Optional.ofNullable(point).map(p -> new PointId(meter, p)), counter.map(CataloguedPoint::id));
        counter.ifPresent(c -> assertTrue(c.isCounter()));
    }

    @Test
    void accountingCountersCarryWrapSpanAndAreInPlantOrder() {
        List<CataloguedPoint> counters = CATALOGUE.accountingCounters();
        assertEquals(List.of("main", "line1", "press", "comp", "comp-air", "incomer", "water", "gas", "steam-mass",
                "steam-volume", "heat"), counters.stream().map(CataloguedPoint::meterId).toList());
        CataloguedPoint main = counters.get(0);
        assertEquals(4_294_967.296, main.wrapSpan());
        assertEquals("kWh", main.unit());
        assertEquals(EnergyCarrier.ELECTRICITY, main.carrier());
        assertEquals(1e8, CATALOGUE.accountingCounter("comp-air").orElseThrow().wrapSpan());
    }

    @Test
    void energyMetersWithoutACounterAreNamedNotDropped() {
        assertEquals(List.of("power-only", "silent"), ids(CATALOGUE.metersWithoutAccountingCounter()),
                "carrier none (thermo, PLCs) is not an energy meter");
    }

    @Test
    void reactiveCountersOfElectricityMetersOnly() {
        assertEquals(List.of("main", "line1", "press", "comp", "incomer"),
                CATALOGUE.reactiveCounters().stream().map(CataloguedPoint::meterId).toList());
        CATALOGUE.reactiveCounters().forEach(p -> assertEquals(Quantity.REACTIVE_ENERGY_IMPORT, p.quantity()));
    }

    @Test
    void productionCountersPutGoodCountFirstThenPlantOrder() {
        assertEquals(List.of("plc-a.good_count", "plc-a.scrap_count", "plc-b.parts"),
                CATALOGUE.productionCounters("l1").stream().map(p -> p.id().toString()).toList());
        assertEquals(List.of("plc-press.good_count"),
                CATALOGUE.productionCounters("l2").stream().map(p -> p.id().toString()).toList(),
                "a PLC on the line through its equipment counts for the line");
        assertEquals(65_536, CATALOGUE.productionCounters("l1").get(0).wrapSpan());
        assertEquals(List.of(), CATALOGUE.productionCounters("l9"));
    }

    @Test
    void everyMeterHasTheHealthPointsAfterItsOwn() {
        List<CataloguedPoint> water = CATALOGUE.ofMeter("water");
        assertEquals(List.of("total", "comm_online", "comm_state", "comm_success_ratio", "comm_latency_ms",
                "comm_latency_p95_ms"), water.stream().map(p -> p.id().point()).toList());
        for (CataloguedPoint h : water.subList(1, water.size())) {
            assertTrue(h.health(), h.id().toString());
            assertEquals("health", h.protocol());
            assertEquals(EnergyCarrier.NONE, h.carrier(), "health points measure no energy");
            assertFalse(h.isCounter());
        }
        assertEquals(Quantity.COMM_LATENCY, CATALOGUE.quantityOf(PointId.parse("water.comm_latency_p95_ms"))
                .orElseThrow());
        assertEquals("ms", CATALOGUE.find(PointId.parse("water.comm_latency_ms")).orElseThrow().unit());
        // a meter the profile map does not know still has its health points
        assertEquals(PointCatalogue.HEALTH_POINTS.size(), CATALOGUE.ofMeter("silent").size());
        assertEquals(METERS.size() * PointCatalogue.HEALTH_POINTS.size(),
                CATALOGUE.all().stream().filter(CataloguedPoint::health).count());
        assertTrue(CATALOGUE.measured().stream().noneMatch(CataloguedPoint::health));
        assertEquals(CATALOGUE.all().size() - METERS.size() * PointCatalogue.HEALTH_POINTS.size(),
                CATALOGUE.measured().size());
    }

    @Test
    void lookupsOfUnknownPointsAreEmpty() {
        assertTrue(CATALOGUE.contains(PointId.parse("main.active_power")));
        assertFalse(CATALOGUE.contains(PointId.parse("main.nosuch")));
        assertTrue(CATALOGUE.find(PointId.parse("nosuch.active_power")).isEmpty());
        assertTrue(CATALOGUE.quantityOf(PointId.parse("main.nosuch")).isEmpty());
        assertEquals(List.of(), CATALOGUE.ofMeter("nosuch"));
    }

    @Test
    void displayNameAndUnitDefaultToThePointsOwn() {
        CataloguedPoint p = CATALOGUE.find(PointId.parse("thermo.temperature")).orElseThrow();
        assertEquals("temperature", p.displayName());
        assertEquals("degC", p.unit());
        assertEquals("THERMO", p.meterName());
        assertEquals(SECOND, p.period());
    }

    @Test
    void aProfilePointWithTheReservedPrefixIsRefusedNamingMeterProfileAndPoint() {
        Map<String, List<PointSpec>> bad = new LinkedHashMap<>(POINTS);
        bad.put("water", List.of(spec("comm_online", Quantity.STATUS, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCatalogue.build(plant(ONE_SITE, METERS), bad));
        assertTrue(e.getMessage().contains("meter water"), e.getMessage());
        assertTrue(e.getMessage().contains("test/water"), e.getMessage());
        assertTrue(e.getMessage().contains("'comm_online'"), e.getMessage());
        assertTrue(e.getMessage().contains("'comm_'"), e.getMessage());
    }

    @Test
    void aPointDeclaredTwiceIsRefused() {
        Map<String, List<PointSpec>> bad = new LinkedHashMap<>(POINTS);
        bad.put("water", List.of(spec("total", Quantity.VOLUME, 0), spec("total", Quantity.VOLUME, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCatalogue.build(plant(ONE_SITE, METERS), bad));
        assertTrue(e.getMessage().contains("water.total"), e.getMessage());
    }

    @Test
    void aWrapSpanMustBeFiniteAndNotNegative() {
        for (double span : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            List<PointSpec> specs = new ArrayList<>(List.of(spec("total", Quantity.VOLUME, span)));
            assertThrows(IllegalArgumentException.class,
                    () -> PointCatalogue.build(plant(ONE_SITE, METERS), Map.of("water", specs)), "span " + span);
        }
    }

    private static List<String> ids(List<Meter> meters) {
        return meters.stream().map(Meter::id).toList();
    }
}
