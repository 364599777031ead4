package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.Plant;
import io.wattline.core.PointId;
import io.wattline.core.plant.EnergyCarrier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specific consumption, the production source choice, heating degree-days and the baseline fit of
 * {@link LineKpis} over the hand-computed readings of {@link KpiFixture} in a real DuckDB historian.
 */
class LineKpisTest {

    @TempDir
    static Path data;

    private static KpiFixture fixture;
    private static LineKpis kpis;

    @BeforeAll
    static void start() {
        fixture = KpiFixture.create(data.resolve("historian"));
        kpis = fixture.kpis(new ProductionLog(data.resolve(ProductionLog.FILE_NAME)));
        // line 2 has no production counter: two days counted by hand, 120 parts each
        kpis.addProduction(new ProductionEntry("l2", Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"), 120,
                "shift report 班报", Instant.parse("2026-03-03T01:00:00Z")));
        kpis.addProduction(new ProductionEntry("l2", Plant.at("2026-03-03T00:00"), Plant.at("2026-03-04T00:00"), 120,
                null, Instant.parse("2026-03-04T01:00:00Z")));
    }

    @AfterAll
    static void close() {
        fixture.historian.close();
    }

    private static KpiQuery query(String line, String from, String to, String source) {
        return new KpiQuery(line, Plant.at(from), Plant.at(to), "day", null, source, null,
                KpiQuery.DEFAULT_BASE_TEMPERATURE);
    }

    @Test
    void specificConsumptionFromTheLinesCounterAcrossItsRollovers() {
        SpecificConsumptionReport r = kpis.specificConsumption(query("l1", "2026-03-02T00:00", "2026-03-04T00:00",
                null));
        assertEquals(ProductionSource.POINT, r.productionSource(), "auto: the line has a production counter");
        assertEquals("plc1.good_count", r.productionPoint(), "good_count before scrap_count");
        assertEquals(EnergyCarrier.ELECTRICITY, r.carrier());
        assertEquals("kWh", r.energyUnit());
        assertEquals("pcs", r.productionUnit());
        assertEquals(2, r.periods().size());
        // Mar 2: 250 kWh / 100 pcs; Mar 3: 450 / 200 (the register wrapped at 1000 in between: read through)
        assertEquals(250, r.periods().get(0).energy(), 1e-6);
        assertEquals(100, r.periods().get(0).production(), 1e-6);
        assertEquals(2.5, r.periods().get(0).specific(), 1e-9);
        assertEquals(2.25, r.periods().get(1).specific(), 1e-9);
        assertTrue(r.periods().get(0).productionComplete());
        assertEquals(700.0 / 300, r.specific(), 1e-9);
        assertNull(r.periods().get(0).degreeDays(), "no temperature asked for");
    }

    @Test
    void aLineMeteredThroughItsEquipmentWithCountsEnteredByHand() {
        SpecificConsumptionReport r = kpis.specificConsumption(query("l2", "2026-03-02T00:00", "2026-03-05T00:00",
                "auto"));
        assertEquals(ProductionSource.MANUAL, r.productionSource(), "auto: no counter on line 2");
        assertNull(r.productionPoint());
        // l2-power is on line 2 only through the press: 240 kWh a day
        assertEquals(240, r.periods().get(0).energy(), 1e-6);
        assertEquals(2.0, r.periods().get(0).specific(), 1e-9);
        assertTrue(r.periods().get(1).productionComplete());
        assertEquals(0, r.periods().get(2).production(), 1e-9, "nothing entered for Mar 4");
        assertNull(r.periods().get(2).specific(), "no energy per unit without units");
        assertFalse(r.periods().get(2).productionComplete());
    }

    @Test
    void manualSourceOnALineWithACounterReadsTheLog() {
        SpecificConsumptionReport r = kpis.specificConsumption(query("l1", "2026-03-02T00:00", "2026-03-03T00:00",
                "MANUAL"));
        assertEquals(ProductionSource.MANUAL, r.productionSource());
        assertEquals(0, r.production(), 1e-9, "nothing was entered for line 1");
    }

    @Test
    void productionBeforeTheCounterHasReadingsIsIncomplete() {
        SpecificConsumptionReport r = kpis.specificConsumption(query("l1", "2026-03-01T00:00", "2026-03-02T00:00",
                "point"));
        assertFalse(r.periods().get(0).productionComplete(), "the counter starts at 23:00");
    }

    @Test
    void baselineFitsAndReportsTheDeviation() {
        BaselineReport r = kpis.baseline(new BaselineQuery(query("l1", "2026-03-07T00:00", "2026-03-09T00:00", null),
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-07T00:00")));
        assertEquals(List.of("production"), r.variables());
        // baseline days: energy = 50 + 2 × production exactly
        assertEquals(50, r.intercept(), 1e-6);
        assertEquals(2, r.coefficients().get("production"), 1e-8);
        assertEquals(1, r.rSquared(), 1e-9);
        assertEquals(5, r.observations());
        assertEquals(5, r.baselinePeriods().size());
        // Mar 7: 200 pcs → expected 450, actual 470 (+4.444 %); Mar 8: 100 pcs → 250 vs 260 (+4 %)
        assertEquals(450, r.periods().get(0).expected(), 1e-6);
        assertEquals(470, r.periods().get(0).actual(), 1e-6);
        assertEquals(20, r.periods().get(0).difference(), 1e-6);
        assertEquals(100.0 * 20 / 450, r.periods().get(0).percent(), 1e-6);
        assertEquals(4.0, r.periods().get(1).percent(), 1e-6);
        assertEquals(700, r.expected(), 1e-6);
        assertEquals(730, r.actual(), 1e-6);
        assertEquals(100.0 * 30 / 700, r.percent(), 1e-6);
        assertEquals(ProductionSource.POINT, r.productionSource());
    }

    @Test
    void baselineWithHeatingDegreeDays() {
        KpiQuery reporting = new KpiQuery("l1", Plant.at("2026-03-07T00:00"), Plant.at("2026-03-09T00:00"), "day",
                EnergyCarrier.ELECTRICITY, null, PointId.parse("temp.temperature"), 18);
        BaselineReport r = kpis.baseline(new BaselineQuery(reporting, Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-07T00:00")));
        assertEquals(List.of("production", "heatingDegreeDays"), r.variables());
        double[] hdd = {8, 6, 10, 3, 0};
        for (int i = 0; i < hdd.length; i++) {
            assertEquals(hdd[i], r.baselinePeriods().get(i).degreeDays(), 1e-9);
        }
        // the exact fit on production leaves degree-days no weight
        assertEquals(0, r.coefficients().get("heatingDegreeDays"), 1e-8);
        assertEquals(13, r.periods().get(0).degreeDays(), 1e-9, "Mar 7 at 5 °C");
        assertEquals(18, r.periods().get(1).degreeDays(), 1e-9, "Mar 8 at 0 °C");
    }

    @Test
    void degreeDaysOfPartDaysUseTheReadingsInsideThePeriod() {
        HeatingDegreeDays hdd = new HeatingDegreeDays(fixture.historian.reader(), Plant.ZONE);
        PointId t = PointId.parse("temp.temperature");
        // Mar 2 12:00 .. Mar 3 12:00: half of Mar 2 (10 °C → 8) plus half of Mar 3 (12 °C → 6)
        assertEquals(14, hdd.over(t, Plant.at("2026-03-02T12:00"), Plant.at("2026-03-03T12:00"), 18), 1e-9);
        assertEquals(0, hdd.over(t, Plant.at("2026-03-20T00:00"), Plant.at("2026-03-21T00:00"), 18), 1e-9,
                "a day without readings adds nothing");
        assertEquals(2, hdd.over(t, Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"), 12), 1e-9,
                "base 12 °C");
    }

    @Test
    void badQueriesNameTheirParameter() {
        assertParameter("line", () -> kpis.specificConsumption(query(null, "2026-03-02T00:00", "2026-03-03T00:00",
                null)));
        assertParameter("line", () -> kpis.specificConsumption(query("l9", "2026-03-02T00:00", "2026-03-03T00:00",
                null)));
        assertParameter("source", () -> kpis.specificConsumption(query("l1", "2026-03-02T00:00",
                "2026-03-03T00:00", "guess")));
        assertParameter("source", () -> kpis.specificConsumption(query("l2", "2026-03-02T00:00",
                "2026-03-03T00:00", "point")));
        assertParameter("line", () -> kpis.specificConsumption(new KpiQuery("l1", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00"), "day", EnergyCarrier.WATER, null, null, 18)));
        assertParameter("temperature", () -> kpis.specificConsumption(new KpiQuery("l1",
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"), "day", null, null,
                PointId.parse("main.active_power"), 18)));
        assertParameter("temperature", () -> kpis.specificConsumption(new KpiQuery("l1",
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"), "day", null, null,
                PointId.parse("nosuch.temperature"), 18)));
        assertParameter("period", () -> new KpiQuery("l1", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00"), "year", null, null, null, 18));
        assertParameter("to", () -> query("l1", "2026-03-03T00:00", "2026-03-02T00:00", null));
        assertParameter("baseTemperature", () -> new KpiQuery("l1", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00"), "day", null, null, null, Double.NaN));
        KpiQuery reporting = query("l1", "2026-03-07T00:00", "2026-03-09T00:00", null);
        assertParameter("baselineFrom", () -> new BaselineQuery(reporting, null, Plant.at("2026-03-07T00:00")));
        assertParameter("baselineTo", () -> new BaselineQuery(reporting, Plant.at("2026-03-07T00:00"), null));
        assertParameter("baselineTo", () -> new BaselineQuery(reporting, Plant.at("2026-03-07T00:00"),
                Plant.at("2026-03-02T00:00")));
        assertParameter("period", () -> new BaselineQuery(new KpiQuery("l1", Plant.at("2026-03-07T00:00"),
                Plant.at("2026-03-09T00:00"), "shift", null, null, PointId.parse("temp.temperature"), 18),
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-07T00:00")));
        // one baseline day cannot be fitted
        assertParameter("baselineFrom", () -> kpis.baseline(new BaselineQuery(reporting,
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"))));
        assertParameter("line", () -> kpis.addProduction(new ProductionEntry("l9", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00"), 1, null, null)));
        assertParameter("line", () -> kpis.production("l9", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00")));
    }

    @Test
    void countsEnteredByHandAreListedPerLine() {
        List<ProductionEntry> entries = kpis.production("l2", Plant.at("2026-03-02T12:00"),
                Plant.at("2026-03-03T12:00"));
        assertEquals(2, entries.size(), "both days overlap the range");
        assertEquals("shift report 班报", entries.get(0).note());
        assertEquals(List.of(), kpis.production("l1", Plant.at("2026-03-02T00:00"), Plant.at("2026-03-09T00:00")));
    }

    private static void assertParameter(String parameter, Executable call) {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, call);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + parameter + "'"), e.getMessage());
        assertFalse(e.expected().isBlank());
    }
}
