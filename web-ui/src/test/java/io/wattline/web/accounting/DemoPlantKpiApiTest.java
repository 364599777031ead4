package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The KPI endpoints against the demo plant's own configuration ({@code demo/plant.yaml} of the
 * simulator, where the compressor and the boiler are equipment in an area without a line: this
 * answered HTTP 500 once), wired as the application wires them, over three simulated days in a real
 * DuckDB historian. Line 1's PLC counts {@link DemoDay#PARTS_PER_KWH} parts per kWh the line draws
 * above {@link DemoDay#LINE1_BASE_KW}, so every period must show energy = base × hours + production ÷ 2.
 */
class DemoPlantKpiApiTest {

    @TempDir
    static Path data;

    private static DemoDay days;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        days = DemoDay.simulate(data.resolve("historian"), 3, true);
        // as AccountingWiring's beans: the catalogue of the shipped profiles, no tariff setting
        AccountingService accounting = AccountingWiring.create(days.catalogue, days.historian, "", false);
        LineKpis kpis = new LineKpis(days.catalogue, accounting, days.historian.reader(),
                new ProductionLog(data.resolve(ProductionLog.FILE_NAME)));
        // "today" is 2026-03-03 in the plant's zone
        Clock clock = Clock.fixed(Instant.parse("2026-03-03T04:00:00Z"), ZoneOffset.UTC);
        RunningPlant running = new RunningPlant(days.plant, null);
        client = WebTestClient.bindToController(new KpiController(kpis, running, clock),
                        new ConsumptionController(accounting, running, clock))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void close() {
        days.historian.close();
    }


    private static JsonNode get(String uri) {
        return ApiJson.get(client, uri);
    }

    /** Production of a period as the PLC counts it: 2 parts per kWh above 10 kW. */
    private static double expectedProduction(JsonNode period) {
        double hours = Duration.between(Instant.parse(period.get("start").asString()),
                Instant.parse(period.get("end").asString())).toSeconds() / 3600.0;
        return DemoDay.PARTS_PER_KWH * (period.get("energy").asDouble() - DemoDay.LINE1_BASE_KW * hours);
    }

    @Test
    void specificConsumptionOfLine1WithTheDefaultsAnswers200() {
        JsonNode r = get("/api/kpi/specific-consumption?line=line1");
        assertEquals("line1", r.get("line").asString());
        assertEquals("Line 1 stamping 冲压线", r.get("lineName").asString());
        assertEquals("POINT", r.get("productionSource").asString());
        assertEquals("line1-plc.good_count", r.get("productionPoint").asString(), "the OPC UA PLC's counter");
        assertEquals("kWh", r.get("energyUnit").asString());
        assertEquals("day", r.get("period").asString());
        JsonNode day = r.get("periods").get(0);
        assertEquals(1, r.get("periods").size(), "today only");
        assertEquals("2026-03-03", day.get("label").asString());
        assertTrue(day.get("productionComplete").asBoolean());
        double energy = day.get("energy").asDouble();
        assertTrue(energy > 24 * 22 && energy < 24 * 185, "between line 1's idle and full draw: " + energy);
        assertEquals(expectedProduction(day), day.get("production").asDouble(), 2.0, "whole parts, ±1 at each end");
        assertEquals(energy / day.get("production").asDouble(), r.get("specific").asDouble(), 1e-9);
        // the same energy as the consumption report's line row
        JsonNode line = get("/api/consumption?group=line&period=day&carrier=electricity&from=2026-03-03&to=2026-03-04");
        for (JsonNode row : line.get("rows")) {
            if (row.get("groupId").asString().equals("line1")) {
                assertEquals(row.get("value").asDouble(), energy, 1e-9);
            }
        }
        assertEquals(0, line.get("unaccountedMeters").size(), "every demo energy meter has a counter");
    }

    @Test
    void specificConsumptionPerShiftAndPerCarrier() {
        JsonNode shifts = get("/api/kpi/specific-consumption?line=line1&from=2026-03-03T06:00&to=2026-03-04T06:00"
                + "&period=shift");
        assertEquals(3, shifts.get("periods").size(), "morning, afternoon, night");
        for (JsonNode p : shifts.get("periods")) {
            assertEquals(expectedProduction(p), p.get("production").asDouble(), 2.0, p.get("label").asString());
        }
        assertTrue(shifts.get("periods").get(0).get("energy").asDouble()
                > shifts.get("periods").get(2).get("energy").asDouble(), "the night crew draws less");
        JsonNode water = get("/api/kpi/specific-consumption?line=line1&carrier=water&from=2026-03-03&to=2026-03-04");
        assertEquals("m3", water.get("energyUnit").asString(), "line 1's cooling water");
        assertTrue(water.get("energy").asDouble() > 0);
        JsonNode line2 = get("/api/kpi/specific-consumption?line=line2&from=2026-03-03&to=2026-03-04");
        assertEquals("MANUAL", line2.get("productionSource").asString(), "line 2 has no counter, nothing entered");
        assertNull(line2.get("specific").asString(null));
    }

    @Test
    void baselineOfLine1Answers200AndFitsThePlcsRule() {
        JsonNode r = get("/api/kpi/baseline?line=line1&baselineFrom=2026-03-02T06:00&baselineTo=2026-03-03T22:00"
                + "&from=2026-03-03T22:00&to=2026-03-04T22:00&period=shift");
        assertEquals(5, r.get("observations").asInt(), "five 8-hour shifts in the baseline range");
        // per 8-hour shift: energy = 10 kW × 8 h + production ÷ 2
        assertEquals(1 / DemoDay.PARTS_PER_KWH, r.get("coefficients").get("production").asDouble(), 1e-3);
        assertEquals(DemoDay.LINE1_BASE_KW * 8, r.get("intercept").asDouble(), 2.0);
        assertTrue(r.get("rSquared").asDouble() > 0.999, r.get("rSquared").toString());
        assertEquals(3, r.get("periods").size());
        for (JsonNode p : r.get("periods")) {
            assertEquals(p.get("actual").asDouble(), p.get("expected").asDouble(), 2.0, p.get("label").asString());
        }
        assertTrue(Math.abs(r.get("percent").asDouble()) < 0.5, "the line ran as in the baseline: " + r.get("percent"));
    }

    @Test
    void aBaselineThatCannotBeFittedIsA400NamingTheRange() {
        // nothing was entered by hand for line 1: production is 0 every day, so there is nothing to fit
        client.get().uri("/api/kpi/baseline?line=line1&baselineFrom=2026-03-02&baselineTo=2026-03-04"
                        + "&from=2026-03-04&to=2026-03-05&source=manual")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("baselineFrom")
                .jsonPath("$.expected").exists();
        client.get().uri("/api/kpi/specific-consumption?line=utilities").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("line");
    }
}
