package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.service.AccountingService;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The power-factor block of {@code /api/consumption?period=month} under the Guangdong tariff over a
 * simulated demo day: the demo's main incomer (CHINT DTSU666 profile) has no reactive energy counter,
 * so the block says unavailable and why instead of inventing a power factor.
 */
class PowerFactorApiTest {

    @TempDir
    static Path data;

    private static DemoDay day;
    private static WebTestClient client;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        day = DemoDay.simulate(data);
        AccountingService service = AccountingWiring.create(day.plant, day.catalog, day.historian, "guangdong-2021",
                false);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
        client = WebTestClient.bindToController(new ConsumptionController(service, new RunningPlant(day.plant, null),
                        clock))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(java.time.Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void close() {
        day.historian.close();
    }

    private static JsonNode get(String query) {
        byte[] body = client.get().uri("/api/consumption?" + query).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void mainIncomerWithoutReactiveCounterIsUnavailableWithTheReason() {
        JsonNode r = get("group=meter&period=month&from=2026-03-02&to=2026-03-03");
        JsonNode blocks = r.get("powerFactor");
        assertEquals(1, blocks.size(), blocks.toString());
        JsonNode incomer = blocks.get(0);
        assertEquals("main-incomer", incomer.get("meterId").asString());
        assertEquals("2026-03", incomer.get("month").asString());
        assertEquals("unavailable", incomer.get("status").asString());
        assertTrue(incomer.get("reason").asString().contains("REACTIVE_ENERGY_IMPORT"), incomer.toString());
        assertEquals(0.90, incomer.get("standard").asDouble(), 0);
        assertTrue(incomer.get("adjustment").isNull(), incomer.toString());
    }

    @Test
    void dailyReportsCarryNoPowerFactorBlock() {
        JsonNode r = get("group=meter&period=day&from=2026-03-02&to=2026-03-03");
        assertTrue(r.get("powerFactor").isEmpty());
    }
}
