package io.wattline.web.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

class ExposedPointsTest {

    @Test
    void meterOnALineGoesUnderItsLineOneInAnAreaUnderItsAreaTheRestUnderSite() {
        Plant plant = new Plant("p", ZoneId.of("UTC"), List.of(new Site("s1", "S1"), new Site("s2", "S2")),
                List.of(new Area("a1", "A1", "s1"), new Area("a2", "A2", "s2")),
                List.of(new ProductionLine("l1", "L1", "a1")), List.of(), List.of(), List.of(),
                List.of(meter("m1", "a1", "l1"), meter("m2", "a2", null), meter("m3", null, null)), null, null);
        List<ExposedPoint> points = ExposedPoints.of(PointCatalogue.build(plant,
                Map.of("m1", power(), "m2", power(), "m3", power())));
        assertEquals("Plant/s1/l1/m1/active_power", path(points, "m1", "active_power"));
        assertEquals("Plant/s2/a2/m2/active_power", path(points, "m2", "active_power"));
        assertEquals("Plant/s1/_site/m3/active_power", path(points, "m3", "active_power"));
        // Every device's health points sit next to its readings.
        assertEquals("Plant/s1/l1/m1/comm_online", path(points, "m1", "comm_online"));
        assertEquals("Plant/s2/a2/m2/comm_latency_p95_ms", path(points, "m2", "comm_latency_p95_ms"));
        assertEquals(3 * (1 + PointCatalogue.HEALTH_POINTS.size()), points.size());
    }

    @Test
    void unitsAreUneceCommonCodes() {
        // Part 8: UnitId = the code's ASCII bytes; values from the UNECE/OPC UA units table.
        assertEquals(4937556, UneceUnits.unitId(UneceUnits.code("kW").orElseThrow()));
        assertEquals(4937544, UneceUnits.unitId(UneceUnits.code("kWh").orElseThrow()));
        assertEquals(5067857, UneceUnits.unitId(UneceUnits.code("m3").orElseThrow()));
        assertEquals(4408652, UneceUnits.unitId(UneceUnits.code("degC").orElseThrow()));
        assertEquals(5525061, UneceUnits.unitId(UneceUnits.code("t").orElseThrow()));
        assertEquals("m³", UneceUnits.display("m3"));
    }

    @Test
    void qualitiesBecomeStatusCodes() {
        PointId id = new PointId("m1", "active_power");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(StatusCodes.Good, PlantNamespace.status(Sample.good(id, t, 1)).value());
        assertEquals(StatusCodes.Uncertain_LastUsableValue,
                PlantNamespace.status(new Sample(id, t, 1, Quality.UNCERTAIN, "stale")).value());
        assertEquals(StatusCodes.Bad_Timeout, PlantNamespace.status(Sample.bad(id, t, "timeout")).value());
        assertEquals(StatusCodes.Bad_CommunicationError,
                PlantNamespace.status(Sample.bad(id, t, "exception 2 (illegal data address)")).value());
    }

    private static Meter meter(String id, String area, String line) {
        return new Meter(id, id, "x/y", "c", 1, EnergyCarrier.ELECTRICITY, area, line, null, null, null, Map.of());
    }

    private static List<PointSpec> power() {
        return List.of(new PointSpec("active_power", null, Quantity.ACTIVE_POWER, "kW", 0, Duration.ofSeconds(1),
                "modbus"));
    }

    private static String path(List<ExposedPoint> points, String meter, String point) {
        return points.stream().filter(p -> p.id().equals(new PointId(meter, point))).findFirst().orElseThrow()
                .path();
    }
}
