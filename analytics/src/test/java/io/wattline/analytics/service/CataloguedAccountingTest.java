package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounting built from the point catalogue ({@link AccountingService#of}): a counter read over OPC
 * UA is accounted exactly like a Modbus one, and energy meters without a counter are listed in the
 * report instead of vanishing. Readings: the incomer 10 kWh/h, the PLC's energy counter 4 kWh/h,
 * hourly over 2026-03-01 23:00 .. 2026-03-03 01:00 (Asia/Shanghai), so Mar 2 has 240 and 96 kWh.
 */
class CataloguedAccountingTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static AccountingService service;

    @BeforeAll
    static void write() {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        double inc = 5000;
        double plc = 70;
        for (Instant t = Plant.at("2026-03-01T23:00"); !t.isAfter(Plant.at("2026-03-03T01:00"));
                t = t.plus(Duration.ofHours(1))) {
            historian.writer().offer(Sample.good(PointId.parse("inc.active_energy_import"), t, inc));
            historian.writer().offer(Sample.good(PointId.parse("press-plc.energy"), t, plc));
            inc += 10;
            plc += 4;
        }
        historian.writer().flush();
        historian.rollUpNow();
        List<Meter> meters = List.of(
                meter("inc", EnergyCarrier.ELECTRICITY, null, null),
                meter("press-plc", EnergyCarrier.ELECTRICITY, "l1", "inc"),
                meter("power-only", EnergyCarrier.ELECTRICITY, "l1", null),
                meter("well", EnergyCarrier.WATER, null, null),
                meter("thermo", EnergyCarrier.NONE, null, null));
        io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("p", Plant.ZONE,
                List.of(new Site("s", "厂")), List.of(new Area("w", "车间", "s")),
                List.of(new ProductionLine("l1", "Line 1 冲压线", "w")), List.of(), List.of(), List.of(), meters,
                Plant.SHIFTS, null);
        Map<String, List<PointSpec>> points = new LinkedHashMap<>();
        points.put("inc", List.of(spec("active_energy_import", Quantity.ACTIVE_ENERGY_IMPORT, "modbus")));
        points.put("press-plc", List.of(spec("drive_power", Quantity.ACTIVE_POWER, "opcua"),
                spec("energy", Quantity.ACTIVE_ENERGY_IMPORT, "opcua")));
        points.put("power-only", List.of(spec("active_power", Quantity.ACTIVE_POWER, "modbus")));
        points.put("well", List.of(spec("flow", Quantity.VOLUME_FLOW, "modbus")));
        points.put("thermo", List.of(spec("temperature", Quantity.TEMPERATURE, "modbus")));
        service = AccountingService.of(PointCatalogue.build(plant, points), historian.reader(), null,
                EnergyFactors.gbt2589Defaults());
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static ConsumptionReport report(String group, EnergyCarrier carrier) {
        return service.report(new ConsumptionQuery(group, Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"),
                "day", carrier, ReadPath.ROLLUP, false));
    }

    @Test
    void anOpcUaCounterIsAccountedLikeAModbusOne() {
        assertEquals(PointId.parse("press-plc.energy"), service.meteredPoints().get("press-plc").point());
        Map<String, Double> byMeter = new LinkedHashMap<>();
        report("meter", null).rows().forEach(r -> byMeter.put(r.groupId(), r.value()));
        assertEquals(96, byMeter.get("press-plc"), 1e-6);
        assertEquals(240 - 96, byMeter.get("loss:inc"), 1e-6, "the OPC UA meter is a sub-meter like any other");
        Map<String, Double> byLine = new LinkedHashMap<>();
        report("line", null).rows().forEach(r -> byLine.put(r.groupId(), r.value()));
        assertEquals(96, byLine.get("l1"), 1e-6);
    }

    @Test
    void energyMetersWithoutACounterAreListedInTheReport() {
        List<ConsumptionReport.UnaccountedMeter> all = report("line", null).unaccountedMeters();
        assertEquals(List.of("power-only", "well"), all.stream().map(ConsumptionReport.UnaccountedMeter::meterId)
                .toList(), "carrier none is not an energy meter");
        ConsumptionReport.UnaccountedMeter power = all.get(0);
        assertEquals(EnergyCarrier.ELECTRICITY, power.carrier());
        assertEquals(List.of(Quantity.ACTIVE_ENERGY_IMPORT), power.expected());
        assertEquals("test/power-only", power.profile());
        assertTrue(power.note().contains("ACTIVE_ENERGY_IMPORT") && power.note().contains("未计入"), power.note());
        assertEquals(List.of("well"), report("line", EnergyCarrier.WATER).unaccountedMeters().stream()
                .map(ConsumptionReport.UnaccountedMeter::meterId).toList(), "only the carrier asked for");
        assertTrue(report("line", EnergyCarrier.STEAM).unaccountedMeters().isEmpty());
    }

    @Test
    void aQueryThatCannotBeAnsweredNamesItsParameter() {
        Instant a = Plant.at("2026-03-02T00:00");
        Instant b = Plant.at("2026-03-03T00:00");
        assertEquals("group", assertThrowsInvalid(() -> new ConsumptionQuery("plant", a, b, "day", null,
                ReadPath.ROLLUP, false)).parameter());
        assertEquals("period", assertThrowsInvalid(() -> new ConsumptionQuery("line", a, b, "year", null,
                ReadPath.ROLLUP, false)).parameter());
        assertEquals("to", assertThrowsInvalid(() -> new ConsumptionQuery("line", b, a, "day", null,
                ReadPath.ROLLUP, false)).parameter());
    }

    private static InvalidQueryException assertThrowsInvalid(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(InvalidQueryException.class, call);
    }

    private static Meter meter(String id, EnergyCarrier carrier, String line, String parent) {
        return new Meter(id, id, "test/" + id, "c", 1, carrier, "w", line, null, null, parent, Map.of());
    }

    private static PointSpec spec(String name, Quantity quantity, String protocol) {
        return new PointSpec(name, null, quantity, null, 0, Duration.ofSeconds(15), protocol);
    }
}
