package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.ModbusCollector;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import io.wattline.web.RunningPlant;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/devices} over the demo plant served by the real simulator on loopback, with one
 * gateway pointed at a port where nothing listens: the devices behind the live gateway are
 * ONLINE with a latency, those behind the dead one are not, with the connection error as reason;
 * the line PLC, read over OPC UA (SignAndEncrypt) from the simulator's PLC server, is listed too.
 */
@Tag("integration")
@Timeout(90)
class DevicesApiTest {

    @TempDir
    Path data;

    private PlantSimulator simulator;
    private ModbusCollector collector;
    private OpcUaCollector opcUaCollector;

    @AfterEach
    void tearDown() {
        if (collector != null) {
            collector.close();
        }
        if (opcUaCollector != null) {
            opcUaCollector.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void reportsOnlineAndUnreachableDevices() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant demo = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        simulator = PlantSimulator.start(demo, catalog, SimulatorOptions.ephemeral());
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        int closedPort = deadPort;
        List<Connection> connections = simulator.plant().connections().stream()
                .map(c -> c.id().equals("gw-utilities") ? c.withEndpoint("127.0.0.1", closedPort) : c)
                .toList();
        Plant plant = simulator.plant().withConnections(connections);
        SampleBus bus = new SampleBus();
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        collector = new ModbusCollector(catalogue, catalog::require, bus, Clock.systemUTC());
        collector.start();
        opcUaCollector = new OpcUaCollector(catalogue, bus, Clock.systemUTC(), data);
        opcUaCollector.start();
        WebTestClient client = WebTestClient.bindToController(
                new DevicesController(List.of(collector, opcUaCollector), new RunningPlant(plant, null))).build();

        Map<String, DeviceView> byId = Map.of();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<DeviceView> devices = client.get().uri("/api/devices").exchange()
                    .expectStatus().isOk()
                    .expectBody(new ParameterizedTypeReference<List<DeviceView>>() { })
                    .returnResult().getResponseBody();
            byId = devices.stream().collect(Collectors.toMap(DeviceView::id, Function.identity()));
            if (byId.get("main-incomer").state().equals("ONLINE")
                    && byId.get("compressor-power").lastError() != null
                    && byId.containsKey("line1-plc") && byId.get("line1-plc").state().equals("ONLINE")) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals(plant.meters().size(), byId.size(), "one entry per meter");
        DeviceView live = byId.get("main-incomer");
        assertEquals("ONLINE", live.state());
        assertEquals("gw-main", live.connection());
        assertEquals("modbus-tcp", live.transport());
        assertEquals("Main incomer 总进线", live.name());
        assertNotNull(live.lastGoodTime());
        assertNotNull(live.latencyMeanMs());
        DeviceView dead = byId.get("compressor-power");
        assertTrue(!dead.state().equals("ONLINE"), "unreachable device is not ONLINE: " + dead);
        assertTrue(dead.lastError() != null && dead.lastError().contains(String.valueOf(closedPort)),
                "reason names the endpoint: " + dead.lastError());
        assertEquals(null, dead.lastGoodTime());
        DeviceView plc = byId.get("line1-plc");
        assertEquals("ONLINE", plc.state(), "the demo line PLC over OPC UA: " + plc);
        assertEquals("opc-ua", plc.transport());
        assertNotNull(plc.diagnostics(), "an OPC UA device carries diagnostics");
        assertEquals("application", plc.diagnostics().certificates().get(0).role(), "our certificate and its expiry");
        assertNotNull(plc.diagnostics().certificates().get(0).notAfter());
        assertEquals(null, live.diagnostics(), "a Modbus device has none");

        DeviceView one = client.get().uri("/api/devices/main-incomer").exchange().expectStatus().isOk()
                .expectBody(DeviceView.class).returnResult().getResponseBody();
        assertEquals("main-incomer", one.id(), "one device's entry, as in the list");
        assertEquals("gw-main", one.connection());
        DeviceHistoryView deadHistory = client.get().uri("/api/devices/compressor-power/history").exchange()
                .expectStatus().isOk().expectBody(DeviceHistoryView.class).returnResult().getResponseBody();
        assertEquals("compressor-power", deadHistory.device());
        assertTrue(deadHistory.entries().stream().anyMatch(e -> e.state() != DeviceState.ONLINE && e.reason() != null
                && e.reason().contains(String.valueOf(closedPort))),
                "the unreachable device's history says why, naming the endpoint: " + deadHistory);
        DeviceHistoryView liveHistory = client.get().uri("/api/devices/main-incomer/history").exchange()
                .expectStatus().isOk().expectBody(DeviceHistoryView.class).returnResult().getResponseBody();
        assertEquals(DeviceState.ONLINE, liveHistory.entries().get(0).state(), "newest first: ONLINE " + liveHistory);
        assertTrue(liveHistory.entries().size() <= liveHistory.capacity());
        client.get().uri("/api/devices/no-such-meter/history").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("没有该设备"), m.toString()));
        client.get().uri("/api/devices/no-such-meter").exchange().expectStatus().isNotFound();
    }
}
