package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Declared meter replacement, virtual meters, specific consumption and the baseline, through the
 * real controllers over a real historian holding the hand-computed readings of {@link KpiPlant}.
 */
class KpiApiTest {

    @TempDir
    static Path data;

    private static KpiPlant fixture;
    private static WebTestClient client;
    private static Path logFile;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        fixture = KpiPlant.create(data.resolve("historian"));
        PointCatalogue catalogue = PointCatalogues.build(fixture.plant, fixture.catalog::find,
                OpcUaProfileLoader.builtIn()::find);
        AccountingService service = AccountingWiring.create(catalogue, fixture.historian, "", false);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
        logFile = data.resolve(ProductionLog.FILE_NAME);
        LineKpis kpis = new LineKpis(catalogue, service, fixture.historian.reader(), new ProductionLog(logFile));
        RunningPlant running = new RunningPlant(fixture.plant, null);
        client = WebTestClient.bindToController(new ConsumptionController(service, running, clock),
                        new KpiController(kpis, running, clock))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(java.time.Duration.ofSeconds(60))
                .build();
        for (int d = 0; d < KpiPlant.L2_PRODUCTION.length; d++) {
            LocalDate day = LocalDate.of(2026, 3, 2).plusDays(d);
            client.post().uri("/api/production").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("line", "l2", "from", day.toString(), "to", day.plusDays(1).toString(),
                            "count", KpiPlant.L2_PRODUCTION[d], "note", "shift report 班报"))
                    .exchange().expectStatus().isCreated().expectBody().jsonPath("$.lineId").isEqualTo("l2");
        }
    }

    @AfterAll
    static void close() {
        fixture.historian.close();
    }

    private static JsonNode get(String uri) {
        byte[] body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static Map<String, JsonNode> rowsById(JsonNode report) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        report.get("rows").forEach(r -> rows.put(r.get("groupId").asString(), r));
        return rows;
    }

    @Test
    void declaredReplacementIsBridgedAndVirtualMetersAreShownByMeter() {
        JsonNode r = get("/api/consumption?group=meter&period=day&from=2026-03-02&to=2026-03-03&carrier=electricity");
        Map<String, JsonNode> rows = rowsById(r);
        // sub1: (oldFinal 1062 − 1005 at midnight) + (65 at the next midnight − newInitial 5) = 57 + 60
        assertEquals(117, rows.get("sub1").get("value").asDouble(), 1e-6);
        assertEquals(1, rows.get("sub1").get("flags").get("declaredResets").asInt(), "the replacement is declared");
        assertEquals(0, rows.get("sub1").get("flags").get("undeclaredDecreases").asInt());
        assertEquals(250, rows.get("sub2").get("value").asDouble(), 1e-6);
        // main: 24 × (5 + 250/24 + 40) = 1330; loss = 1330 − 117 − 250 = 963
        assertEquals(963, rows.get("loss:main").get("value").asDouble(), 1e-6);
        // virtual meters: main − sub1 − sub2 = 963 and sub1 + sub2 = 367, shown but not booked
        assertEquals(963, rows.get("unmetered").get("value").asDouble(), 1e-6);
        assertEquals("Unmetered 未计量", rows.get("unmetered").get("groupName").asString());
        assertFalse(rows.get("unmetered").get("booked").asBoolean());
        assertEquals(367, rows.get("lines-total").get("value").asDouble(), 1e-6);
        assertEquals(1330, r.get("totals").get(0).get("value").asDouble(), 1e-6,
                "virtual meters are left out of the total, which equals the main meter");
    }

    @Test
    void lineReportLeavesVirtualMetersOut() {
        JsonNode r = get("/api/consumption?group=line&period=day&from=2026-03-02&to=2026-03-03&carrier=electricity");
        Map<String, JsonNode> rows = rowsById(r);
        assertEquals(117, rows.get("l1").get("value").asDouble(), 1e-6);
        assertFalse(rows.containsKey("unmetered"));
        assertFalse(rows.containsKey("lines-total"));
    }

    @Test
    void specificConsumptionFromTheLinePlcCounter() {
        JsonNode r = get("/api/kpi/specific-consumption?line=l1&from=2026-03-02&to=2026-03-04&period=day");
        assertEquals("POINT", r.get("productionSource").asString());
        assertEquals("l1-plc.good_count", r.get("productionPoint").asString());
        JsonNode days = r.get("periods");
        assertEquals(2, days.size());
        // Mar 2: 117 kWh for 24 h × 10 pcs = 240 pcs → 0.4875 kWh/pcs; Mar 3: 120 / 240 = 0.5
        assertEquals(117, days.get(0).get("energy").asDouble(), 1e-6);
        assertEquals(240, days.get(0).get("production").asDouble(), 1e-6);
        assertEquals(0.4875, days.get(0).get("specific").asDouble(), 1e-9);
        assertEquals(0.5, days.get(1).get("specific").asDouble(), 1e-9);
        assertTrue(days.get(0).get("productionComplete").asBoolean());
        // whole range: 237 / 480
        assertEquals(237.0 / 480, r.get("specific").asDouble(), 1e-9);
        assertEquals("kWh", r.get("energyUnit").asString());
    }

    @Test
    void specificConsumptionFromCountsEnteredByHand() {
        JsonNode r = get("/api/kpi/specific-consumption?line=l2&from=2026-03-02&to=2026-03-04&period=day");
        assertEquals("MANUAL", r.get("productionSource").asString());
        JsonNode days = r.get("periods");
        // Mar 2: 250 kWh / 100 pcs; Mar 3: 450 / 200
        assertEquals(2.5, days.get(0).get("specific").asDouble(), 1e-9);
        assertEquals(2.25, days.get(1).get("specific").asDouble(), 1e-9);
        assertEquals(700.0 / 300, r.get("specific").asDouble(), 1e-9);
    }

    @Test
    void baselineFitsAndReportsTheDeviation() {
        JsonNode r = get("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07"
                + "&from=2026-03-07&to=2026-03-09&period=day");
        // baseline days: energy = 50 + 2 × production exactly, so the fit is that line with R² = 1
        assertEquals(50, r.get("intercept").asDouble(), 1e-6);
        assertEquals(2, r.get("coefficients").get("production").asDouble(), 1e-8);
        assertEquals(1, r.get("rSquared").asDouble(), 1e-9);
        assertEquals(5, r.get("observations").asInt());
        JsonNode p = r.get("periods");
        // Mar 7: 200 pcs → expected 450, actual 470, +20 = +4.444 %; Mar 8: 100 pcs → 250 vs 260, +4 %
        assertEquals(450, p.get(0).get("expected").asDouble(), 1e-6);
        assertEquals(470, p.get(0).get("actual").asDouble(), 1e-6);
        assertEquals(100.0 * 20 / 450, p.get(0).get("percent").asDouble(), 1e-6);
        assertEquals(4.0, p.get(1).get("percent").asDouble(), 1e-6);
        // total: 730 against 700 → +30, +4.2857 %
        assertEquals(700, r.get("expected").asDouble(), 1e-6);
        assertEquals(730, r.get("actual").asDouble(), 1e-6);
        assertEquals(30, r.get("difference").asDouble(), 1e-6);
        assertEquals(100.0 * 30 / 700, r.get("percent").asDouble(), 1e-6);
    }

    @Test
    void baselineWithDegreeDays() {
        JsonNode r = get("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07"
                + "&from=2026-03-07&to=2026-03-09&period=day&temperature=outdoor-temp.temperature&baseTemperature=18");
        assertEquals("[\"production\",\"heatingDegreeDays\"]", r.get("variables").toString());
        // heating degree-days of the baseline days: 18 − (10, 12, 8, 15, 20) floored at 0 = 8, 6, 10, 3, 0
        double[] hdd = {8, 6, 10, 3, 0};
        for (int i = 0; i < hdd.length; i++) {
            assertEquals(hdd[i], r.get("baselinePeriods").get(i).get("degreeDays").asDouble(), 1e-9);
        }
        // energy is exactly 50 + 2 × production, so the exact fit gives degree-days no weight
        assertEquals(50, r.get("intercept").asDouble(), 1e-6);
        assertEquals(2, r.get("coefficients").get("production").asDouble(), 1e-8);
        assertEquals(0, r.get("coefficients").get("heatingDegreeDays").asDouble(), 1e-8);
        assertEquals(1, r.get("rSquared").asDouble(), 1e-9);
        assertEquals(13, r.get("periods").get(0).get("degreeDays").asDouble(), 1e-9, "Mar 7 at 5 °C");
        assertEquals(450, r.get("periods").get(0).get("expected").asDouble(), 1e-6);
    }

    @Test
    void handEnteredCountsSurviveARestart() {
        ProductionLog reopened = new ProductionLog(logFile);
        var entries = reopened.entries("l2", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-10T00:00:00Z"));
        assertEquals(KpiPlant.L2_PRODUCTION.length, entries.size());
        assertEquals(100, entries.get(0).count());
        assertEquals("shift report 班报", entries.get(0).note());
        assertEquals(LocalDate.of(2026, 3, 2).atStartOfDay(KpiPlant.ZONE).toInstant(), entries.get(0).from());
        JsonNode listed = get("/api/production?line=l2&from=2026-03-02&to=2026-03-03");
        assertEquals(1, listed.size());
        assertNotNull(listed.get(0).get("enteredAt"));
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        Map<String, String> cases = new HashMap<>();
        cases.put("/api/kpi/specific-consumption?from=2026-03-02", "line");
        cases.put("/api/kpi/specific-consumption?line=l9", "line");
        cases.put("/api/kpi/specific-consumption?line=l1&period=year", "period");
        cases.put("/api/kpi/specific-consumption?line=l1&from=yesterday", "from");
        cases.put("/api/kpi/specific-consumption?line=l1&carrier=coal", "carrier");
        cases.put("/api/kpi/specific-consumption?line=l1&source=guess", "source");
        cases.put("/api/kpi/specific-consumption?line=l2&source=point", "source");
        cases.put("/api/kpi/specific-consumption?line=l1&carrier=water", "line");
        cases.put("/api/kpi/baseline?line=l2&baselineTo=2026-03-07", "baselineFrom");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02", "baselineTo");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-07&baselineTo=2026-03-02", "baselineTo");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-03&from=2026-03-07"
                + "&to=2026-03-08", "baselineFrom");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07&temperature=nodot",
                "temperature");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07"
                + "&temperature=outdoor-temp.temperature&baseTemperature=warm", "baseTemperature");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07&temperature=sub1.voltage_l1",
                "temperature");
        cases.put("/api/kpi/baseline?line=l2&baselineFrom=2026-03-02&baselineTo=2026-03-07&period=shift"
                + "&temperature=outdoor-temp.temperature", "period");
        cases.put("/api/production?line=nope", "line");
        cases.forEach((uri, parameter) -> client.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo(parameter));

        Map<Map<String, Object>, String> posts = new LinkedHashMap<>();
        posts.put(Map.of("line", "l9", "from", "2026-03-02", "to", "2026-03-03", "count", 1), "line");
        posts.put(Map.of("line", "l2", "to", "2026-03-03", "count", 1), "from");
        posts.put(Map.of("line", "l2", "from", "2026-03-03", "to", "2026-03-02", "count", 1), "to");
        posts.put(Map.of("line", "l2", "from", "2026-03-02", "to", "2026-03-03", "count", -1), "count");
        posts.put(Map.of("line", "l2", "from", "2026-03-02", "to", "2026-03-03", "count", "many"), "count");
        posts.forEach((body, parameter) -> client.post().uri("/api/production").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo(parameter));
    }
}
