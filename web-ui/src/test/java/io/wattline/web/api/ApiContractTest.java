package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Historian;
import io.wattline.historian.SampleWriter;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.RunningPlant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.Disposable;

/**
 * The API's JSON contract against the real demo plant configuration, its real point catalogue
 * (Modbus and OPC UA points and every device's health points), the real sample bus and a real
 * DuckDB store: field names, ISO-8601 times, nulls for missing values, 400 with the offending
 * parameter, 404 for an unknown point.
 */
@Timeout(60)
class ApiContractTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path data;

    private Historian historian;
    private SampleWriter store;
    private SampleBus bus;
    private PointCatalogue catalogue;
    private WebTestClient client;
    private CataloguedPoint power;

    @BeforeEach
    void setUp() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        bus = new SampleBus();
        catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty());
        store = historian.writer();
        power = catalogue.all().stream().filter(p -> p.quantity() == Quantity.ACTIVE_POWER).findFirst()
                .orElseThrow();
        client = WebTestClient.bindToController(
                        new PointsController(catalogue, bus, historian, clock),
                        new PointStreamController(catalogue, bus),
                        new PlantController(new RunningPlant(plant, null)))
                .controllerAdvice(new ApiErrorHandler())
                .build();
    }

    @AfterEach
    void tearDown() {
        bus.close();
        historian.close();
    }

    @Test
    void latestListsEveryConfiguredPointWithNullsUntilSampled() {
        bus.publish(Sample.good(power.id(), T0, 123.5));
        List<Map<String, Object>> points = client.get().uri("/api/points/latest").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        assertNotNull(points);
        assertEquals(catalogue.all().size(), points.size());
        Map<String, Object> sampled = points.stream().filter(p -> p.get("id").equals(power.id().toString()))
                .findFirst().orElseThrow();
        assertEquals(power.meterId(), sampled.get("meter"));
        assertEquals(power.meterName(), sampled.get("meterName"));
        assertEquals(power.id().point(), sampled.get("point"));
        assertEquals("ACTIVE_POWER", sampled.get("quantity"));
        assertEquals(123.5, sampled.get("value"));
        assertEquals("kW", sampled.get("unit"));
        assertEquals("GOOD", sampled.get("quality"));
        assertEquals("2026-11-25T08:00:00Z", sampled.get("time"), "time must be an ISO-8601 UTC string");
        Map<String, Object> unsampled = points.stream().filter(p -> !p.get("id").equals(power.id().toString()))
                .findFirst().orElseThrow();
        assertTrue(unsampled.containsKey("value") && unsampled.get("value") == null);
        assertTrue(unsampled.containsKey("quality") && unsampled.get("quality") == null);
    }

    @Test
    void meterNamesKeepTheirChineseText() {
        String body = client.get().uri("/api/points/latest").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertTrue(body.contains("总进线"), "the demo's main incomer is named 总进线");
    }

    @Test
    void badSampleHasNullValueAndItsReason() {
        bus.publish(Sample.bad(power.id(), T0, "timeout after 1000 ms"));
        Map<String, Object> p = client.get().uri("/api/points/latest").exchange()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody().stream()
                .filter(m -> m.get("id").equals(power.id().toString())).findFirst().orElseThrow();
        assertNull(p.get("value"));
        assertEquals("BAD", p.get("quality"));
        assertEquals("timeout after 1000 ms", p.get("reason"));
    }

    private static void assertNull(Object o) {
        assertTrue(o == null, () -> "expected null, got " + o);
    }

    @Test
    void samplesReturnsTheStoredRangeHalfOpenAndEarliestFirst() {
        for (int i = 0; i < 5; i++) {
            assertTrue(store.offer(Sample.good(power.id(), T0.plusSeconds(i), i)));
        }
        store.flush();
        Map<String, Object> series = client.get()
                .uri("/api/points/{id}/samples?from=2026-11-25T08:00:01Z&to=2026-11-25T08:00:04Z",
                        power.id().toString())
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) series.get("samples");
        assertEquals(List.of("2026-11-25T08:00:01Z", "2026-11-25T08:00:02Z", "2026-11-25T08:00:03Z"),
                samples.stream().map(s -> s.get("time")).toList());
        assertEquals(List.of(1.0, 2.0, 3.0), samples.stream().map(s -> s.get("value")).toList());
        assertEquals(false, series.get("truncated"));
        assertEquals("kW", series.get("unit"));
    }

    @Test
    void samplesDefaultsToTheLastHourAndHonoursLimit() {
        Instant now = T0.plusSeconds(60);
        assertTrue(store.offer(Sample.good(power.id(), now.minus(Duration.ofHours(2)), 1)));
        for (int i = 0; i < 3; i++) {
            assertTrue(store.offer(Sample.good(power.id(), now.minusSeconds(30 - i), 10 + i)));
        }
        store.flush();
        client.get().uri("/api/points/{id}/samples", power.id().toString()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.samples.length()").isEqualTo(3)
                .jsonPath("$.limit").isEqualTo(10_000);
        client.get().uri("/api/points/{id}/samples?limit=2", power.id().toString()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.samples.length()").isEqualTo(2)
                .jsonPath("$.truncated").isEqualTo(true)
                .jsonPath("$.samples[0].value").isEqualTo(10.0);
    }

    @Test
    void badParametersAre400NamingTheParameterAndWhatWasExpected() {
        client.get().uri("/api/points/{id}/samples?from=yesterday", power.id().toString()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/bad-parameter")
                .jsonPath("$.detail").value(d -> assertTrue(d.toString().contains("from")))
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.parameter").isEqualTo("from")
                .jsonPath("$.actual").isEqualTo("yesterday")
                .jsonPath("$.expected").value(e -> assertTrue(e.toString().contains("ISO-8601")));
        client.get().uri("/api/points/{id}/samples?limit=-5", power.id().toString()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("limit");
        client.get().uri("/api/points/{id}/samples?from=2026-11-25T09:00:00Z&to=2026-11-25T08:00:00Z",
                        power.id().toString()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("from");
        // a year no plant has: refused before the historian's microsecond times could overflow
        client.get().uri("/api/points/{id}/samples?from=-300000-01-01T00:00:00Z", power.id().toString()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("from")
                .jsonPath("$.expected").value(e -> assertTrue(e.toString().contains("2200-01-01T00:00:00Z")));
    }

    @Test
    void unknownPointIs404() {
        client.get().uri("/api/points/no-such-meter.active_power/samples").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("no-such-meter")));
    }

    @Test
    void streamSendsOneSampleEventPerSample() {
        // The response starts with its first event, so samples must flow while the client connects.
        AtomicInteger next = new AtomicInteger();
        Disposable publisher = Flux.interval(Duration.ofMillis(50)).subscribe(tick -> {
            int i = next.getAndIncrement();
            bus.publish(Sample.good(power.id(), T0.plusSeconds(i), i));
        });
        try {
            Flux<ServerSentEvent<Map<String, Object>>> events = client.get().uri("/api/stream/points")
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                    .getResponseBody();
            List<ServerSentEvent<Map<String, Object>>> received = events.take(3).collectList()
                    .block(Duration.ofSeconds(10));
            assertEquals(3, received.size());
            double first = ((Number) received.get(0).data().get("value")).doubleValue();
            for (int k = 0; k < 3; k++) {
                ServerSentEvent<Map<String, Object>> e = received.get(k);
                assertEquals("sample", e.event());
                assertEquals(power.id().toString(), e.data().get("id"));
                assertEquals("GOOD", e.data().get("quality"));
                assertEquals(first + k, ((Number) e.data().get("value")).doubleValue(), "one event per sample, in order");
                assertEquals(T0.plusSeconds((long) first + k).toString(), e.data().get("time"));
            }
        } finally {
            publisher.dispose();
        }
    }

    @Test
    void openStreamsEndWhenTheApplicationStops() throws Exception {
        // Otherwise the web server's graceful shutdown waits its whole timeout for open browsers.
        PointStreamController streams = new PointStreamController(catalogue, bus);
        streams.start();
        java.util.concurrent.CompletableFuture<List<ServerSentEvent<PointView>>> open =
                streams.stream().collectList().toFuture();
        bus.publish(Sample.good(power.id(), T0, 1));
        assertFalse(open.isDone(), "the stream stays open while running");
        streams.stop();
        List<ServerSentEvent<PointView>> received = open.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, received.size());
        assertFalse(streams.isRunning());
    }

    @Test
    void plantTreePlacesEveryMeter() {
        Map<String, Object> tree = client.get().uri("/api/plant").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertEquals("Asia/Shanghai", tree.get("timeZone"));
        String json = client.get().uri("/api/plant").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        for (CataloguedPoint p : catalogue.all()) {
            assertTrue(json.contains("\"id\":\"" + p.meterId() + "\""), "meter " + p.meterId() + " in the tree");
        }
        assertFalse(((List<?>) tree.get("sites")).isEmpty());
        // the demo's one contracted maximum demand (its site's), which the overview's demand tile compares with
        assertEquals(630.0, ((Number) tree.get("contractedDemandKw")).doubleValue());
        assertEquals(630.0, ((Number) ((Map<?, ?>) ((List<?>) tree.get("sites")).get(0)).get("contractedDemandKw"))
                .doubleValue());
    }

    @Test
    void healthPointsOfEveryDeviceWhateverItsProtocolAreListedStoredAndStreamed() {
        List<Map<String, Object>> points = client.get().uri("/api/points/latest").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        for (String meter : List.of("main-incomer", "line1-plc")) { // a Modbus meter and the OPC UA line PLC
            for (String name : PointCatalogue.HEALTH_POINTS.keySet()) {
                assertTrue(points.stream().anyMatch(p -> p.get("id").equals(meter + "." + name)),
                        meter + "." + name + " listed");
            }
        }
        Map<String, Object> latency = points.stream().filter(p -> p.get("id").equals("line1-plc.comm_latency_ms"))
                .findFirst().orElseThrow();
        assertEquals("COMM_LATENCY", latency.get("quantity"));
        assertEquals("ms", latency.get("unit"));

        PointId online = new PointId("line1-plc", "comm_online");
        assertTrue(store.offer(Sample.good(online, T0, 1)));
        assertTrue(store.offer(Sample.good(online, T0.plusSeconds(10), 0)));
        store.flush();
        client.get().uri("/api/points/{id}/samples?from=2026-11-25T07:59:00Z&to=2026-11-25T08:01:00Z", online.toString())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.samples.length()").isEqualTo(2)
                .jsonPath("$.samples[1].value").isEqualTo(0.0);

        PointStreamController streams = new PointStreamController(catalogue, bus);
        streams.start();
        java.util.concurrent.CompletableFuture<List<ServerSentEvent<PointView>>> open =
                streams.stream().collectList().toFuture();
        bus.publish(Sample.good(online, T0, 1));
        streams.stop();
        List<ServerSentEvent<PointView>> received = open.join();
        assertEquals(List.of("line1-plc.comm_online"), received.stream().map(e -> e.data().id()).toList(),
                "a health sample is streamed like any reading");
    }
}
