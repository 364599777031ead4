package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wattline.analytics.service.AccountingService;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9's acceptance: a meter read over OPC UA that carries an energy counter is accounted in
 * {@code GET /api/consumption} exactly like a Modbus meter, and an electricity meter whose profile
 * has no counter is named (in the log once, and in every report) instead of vanishing. The plant
 * {@code accounting/opcua-meter-plant.yaml} is loaded with the shipped profiles plus the test OPC UA
 * profile {@code test/energy-plc}; hourly readings from 2026-03-01 23:00 to 2026-03-03 01:00
 * (Asia/Shanghai) in a real DuckDB historian: main +30 kWh/h, each sub-meter +10 kWh/h, so Mar 2 has
 * 720 kWh on the incomer, 240 on each sub-meter and a loss of 240.
 */
class OpcUaMeterConsumptionApiTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static WebTestClient client;
    private static final List<ILoggingEvent> WARNINGS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @BeforeAll
    static void start() throws Exception {
        OpcUaProfile energyPlc;
        try (InputStream in = resource("accounting/energy-plc.opcua.yaml")) {
            energyPlc = OpcUaProfileLoader.parse("test/energy-plc", "energy-plc.opcua.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Function<String, Optional<OpcUaProfile>> opcUaProfiles = id -> id.equals(energyPlc.id())
                ? Optional.of(energyPlc) : OpcUaProfileLoader.builtIn().find(id);
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find, catalog.ids(), opcUaProfiles,
                List.of(energyPlc.id(), "wattline/line-plc")).loadResource("accounting/opcua-meter-plant.yaml");
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, opcUaProfiles);

        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        double main = 100_000;
        double modbus = 5_000;
        double plc = 7_000;
        Instant end = at("2026-03-03T01:00");
        for (Instant t = at("2026-03-01T23:00"); !t.isAfter(end); t = t.plus(Duration.ofHours(1))) {
            write("main.active_energy_import", t, main);
            write("modbus-sub.active_energy_import", t, modbus);
            write("plc-sub.energy_kwh", t, plc);
            main += 30;
            modbus += 10;
            plc += 10;
        }
        historian.writer().flush();
        historian.rollUpNow();

        Logger log = (Logger) LoggerFactory.getLogger(AccountingService.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                    WARNINGS.add(e);
                }
            }
        };
        appender.start();
        log.addAppender(appender);
        AccountingService service;
        try {
            service = AccountingWiring.create(catalogue, historian, "", false);
        } finally {
            log.detachAppender(appender);
        }
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
        client = WebTestClient.bindToController(
                        new ConsumptionController(service, new RunningPlant(plant, null), clock))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static InputStream resource(String name) {
        return OpcUaMeterConsumptionApiTest.class.getClassLoader().getResourceAsStream(name);
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private static void write(String point, Instant t, double value) {
        Sample s = Sample.good(PointId.parse(point), t, value);
        while (!historian.writer().offer(s)) {
            historian.writer().flush();
        }
    }



    private static JsonNode consumption(String query) {
        return ApiJson.get(client, "/api/consumption?" + query);
    }

    @Test
    void theOpcUaMetersConsumptionIsAccountedLikeTheModbusMeters() {
        Map<String, JsonNode> byMeter = ApiJson.rowsById(
                consumption("group=meter&period=day&from=2026-03-02&to=2026-03-03"));
        JsonNode opcUa = byMeter.get("plc-sub");
        JsonNode modbus = byMeter.get("modbus-sub");
        assertEquals(240, opcUa.get("value").asDouble(), 1e-6, "24 h × 10 kWh");
        assertEquals(modbus.get("value").asDouble(), opcUa.get("value").asDouble(), 1e-9);
        assertEquals(modbus.get("unit").asString(), opcUa.get("unit").asString());
        assertEquals(modbus.get("carrier").asString(), opcUa.get("carrier").asString());
        assertEquals(modbus.get("kgce").asDouble(), opcUa.get("kgce").asDouble(), 1e-9);
        assertEquals(modbus.get("flags"), opcUa.get("flags"), "same data-quality flags");
        // the OPC UA sub-meter is subtracted from the incomer like the Modbus one: 720 − 240 − 240
        assertEquals(240, byMeter.get("loss:main").get("value").asDouble(), 1e-6);

        JsonNode byLine = consumption("group=line&period=day&from=2026-03-02&to=2026-03-03");
        Map<String, JsonNode> lines = ApiJson.rowsById(byLine);
        assertEquals(240, lines.get("l2").get("value").asDouble(), 1e-6, "line 2 is metered only over OPC UA");
        assertEquals(240, lines.get("l1").get("value").asDouble(), 1e-6);
        assertEquals(720, byLine.get("totals").get(0).get("value").asDouble(), 1e-6, "the total is the incomer");
    }

    @Test
    void anElectricityMeterWithoutACounterIsNamedInTheReportAndOnceInTheLog() throws Exception {
        JsonNode r = consumption("group=line&period=day&from=2026-03-02&to=2026-03-03");
        JsonNode unaccounted = r.get("unaccountedMeters");
        assertEquals(1, unaccounted.size(), unaccounted.toString());
        JsonNode plcMeter = unaccounted.get(0);
        assertEquals("line1-plc", plcMeter.get("meterId").asString());
        assertEquals("Line 1 PLC 冲压线PLC", plcMeter.get("meterName").asString());
        assertEquals("ELECTRICITY", plcMeter.get("carrier").asString());
        assertEquals("wattline/line-plc", plcMeter.get("profile").asString());
        assertEquals("[\"ACTIVE_ENERGY_IMPORT\"]", plcMeter.get("expected").toString());
        assertTrue(plcMeter.get("note").asString().contains("未计入"), plcMeter.toString());
        assertEquals(0, consumption("group=line&period=day&carrier=water&from=2026-03-02&to=2026-03-03")
                .get("unaccountedMeters").size(), "only meters of the carrier asked for");

        byte[] xlsx = client.get().uri("/api/consumption.xlsx?group=line&period=day&from=2026-03-02&to=2026-03-03")
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            StringBuilder cells = new StringBuilder();
            wb.getSheet(ConsumptionWorkbook.RECONCILIATION_SHEET).forEach(row -> row.forEach(c -> cells.append(
                    c.toString()).append('|')));
            assertTrue(cells.toString().contains("unaccounted_meters|"), cells.toString());
            assertTrue(cells.toString().contains("|line1-plc|ELECTRICITY|wattline/line-plc|"), cells.toString());
        }

        assertEquals(1, WARNINGS.size(), "one warning when accounting starts: " + WARNINGS);
        assertTrue(WARNINGS.get(0).getFormattedMessage().contains("line1-plc"), WARNINGS.get(0).getFormattedMessage());
    }
}
