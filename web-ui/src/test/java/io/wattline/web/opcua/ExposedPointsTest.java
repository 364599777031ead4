package io.wattline.web.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.collector.live.PointInfo;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
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
        List<ExposedPoint> points = ExposedPoints.of(plant, List.of(info("m1"), info("m2"), info("m3")));
        assertEquals("Plant/s1/l1/m1/active_power", points.get(0).path());
        assertEquals("Plant/s2/a2/m2/active_power", points.get(1).path());
        assertEquals("Plant/s1/_site/m3/active_power", points.get(2).path());
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

    private static PointInfo info(String meter) {
        return new PointInfo(new PointId(meter, "active_power"), meter, meter, Quantity.ACTIVE_POWER, "kW",
                EnergyCarrier.ELECTRICITY, Duration.ofSeconds(1));
    }
}
