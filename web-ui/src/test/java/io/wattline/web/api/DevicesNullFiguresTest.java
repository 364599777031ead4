package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.ModbusCollector;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.collector.opcua.OpcUaCollectorOptions;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.RunningPlant;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/devices} on the demo plant's configuration with every connection pointed at a
 * loopback port where nothing listens, before and after the collectors tried: devices that never
 * answered show their figures as JSON null, never the string "NaN" (docs/api.md promises null).
 */
@Timeout(60)
class DevicesNullFiguresTest {

    private static final Set<String> FIGURES = Set.of("successRatio", "latencyMeanMs", "latencyP95Ms");

    @TempDir
    Path data;

    @Test
    void devicesWithoutAnswersHaveNullFiguresNeverNaN() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant demo = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        int nowhere = closed;
        Plant plant = demo.withConnections(demo.connections().stream()
                .map(c -> c.host() == null ? c : c.withEndpoint("127.0.0.1", nowhere)).toList());
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        try (SampleBus bus = new SampleBus();
                ModbusCollector modbus = new ModbusCollector(catalogue, catalog::require, bus, Clock.systemUTC());
                OpcUaCollector opcUa = new OpcUaCollector(catalogue, OpcUaProfileLoader.builtIn()::find, bus,
                        Clock.systemUTC(), data, OpcUaCollectorOptions.defaults())) {
            List<DeviceCollector> collectors = List.of(modbus, opcUa);
            WebTestClient client = WebTestClient.bindToController(
                    new DevicesController(collectors, new RunningPlant(plant, null))).build();

            JsonNode before = devices(client);
            assertEquals(plant.meters().size(), before.size(), "one entry per meter, both protocols");
            assertFiguresNull(before, FIGURES);

            modbus.start();
            opcUa.start();
            JsonNode after = before;
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!everyDeviceTried(after) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = devices(client);
            }
            assertTrue(everyDeviceTried(after), "every device tried and failed: " + after);
            // Requests were sent (the Modbus ratio is then a real 0.0), but no answer ever came: no latency.
            assertFiguresNull(after, Set.of("latencyMeanMs", "latencyP95Ms"));
            for (JsonNode d : after) {
                if (d.get("transport").asString().equals("opc-ua")) {
                    assertTrue(d.get("successRatio").isNull(), "no notification yet: " + d);
                }
            }
        }
    }

    private static boolean everyDeviceTried(JsonNode devices) {
        for (JsonNode d : devices) {
            if (d.get("failures").asLong() < 1) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode devices(WebTestClient client) {
        String body = client.get().uri("/api/devices").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertFalse(body.contains("NaN"), body);
        return new ObjectMapper().readTree(body);
    }

    private static void assertFiguresNull(JsonNode devices, Set<String> figures) {
        for (JsonNode d : devices) {
            for (String f : figures) {
                assertTrue(d.has(f) && d.get(f).isNull(), d.get("id") + "." + f + " must be null: " + d);
            }
        }
    }
}
