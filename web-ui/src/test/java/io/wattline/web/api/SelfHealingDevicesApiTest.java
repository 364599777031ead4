package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.CollectorOptions;
import io.wattline.collector.ModbusCollector;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.CyclesUntilGood;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.ProfileRegisters;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.testkit.Await;
import io.wattline.web.RunningPlant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Acceptance of the self-healing request plan: a pymodbus meter (the shipped CHINT DTSU666 profile)
 * that refuses a point and the block between its two energy registers, although the profile declares
 * both readable. Within three poll cycles every point it can serve is GOOD; {@code GET /api/devices}
 * shows it ONLINE with one refused point, the learned plan, the suggested {@code readable:} and the
 * refusal among its recent errors; {@code POST /api/devices/{id}/probe} asks it now (and forgets and
 * learns again with {@code forget=true}).
 */
@Tag("integration")
@Timeout(90)
class SelfHealingDevicesApiTest {

    private static final DeviceProfile DTSU = ProfileCatalog.builtIn().require("chint/dtsu666");
    private static final RegisterFunction H = RegisterFunction.HOLDING;

    @TempDir
    Path data;

    @Test
    @SuppressWarnings("unchecked")
    void aMeterThatRefusesPartOfItsDeclaredBlocksIsGoodWithinThreeCyclesAndItsLearnedPlanIsShown() throws Exception {
        Peers.requirePymodbus();
        Map<String, Double> values = DTSU.points().stream().collect(Collectors.toMap(PointDefinition::name,
                p -> p.name().startsWith("active_energy") ? 4321.5 : 100.0));
        String spec = ProfileRegisters.spec(Map.of(4, ProfileRegisters.unit(DTSU, values, List.of(
                new RegisterRange(H, 0x201A, 0x201C), new RegisterRange(H, 0x4020, 0x4028)))));
        Set<String> servable = DTSU.points().stream().map(PointDefinition::name)
                .filter(n -> !n.equals("reactive_power")).collect(Collectors.toSet());
        try (PymodbusServer server = PymodbusServer.start(spec); SampleBus bus = new SampleBus()) {
            Duration period = Duration.ofMillis(500);
            Meter meter = new Meter("incomer", "Incomer 进线", DTSU.id(), "gw", 4, EnergyCarrier.ELECTRICITY, "a",
                    null, null, null, null, Map.of("fast", period, "slow", period));
            Plant plant = new Plant("test", ZoneId.of("Asia/Shanghai"), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(Connection.modbusTcp("gw", "127.0.0.1", server.port())), List.of(meter), null,
                    Optional.empty());
            PointCatalogue catalogue = PointCatalogues.build(plant, ProfileCatalog.builtIn()::find,
                    OpcUaProfileLoader.builtIn()::find);
            CyclesUntilGood cycles = new CyclesUntilGood("incomer", servable);
            bus.addListener(cycles);
            try (ModbusCollector collector = new ModbusCollector(catalogue, ProfileCatalog.builtIn()::require, bus,
                    Clock.systemUTC(), CollectorOptions.defaults().withLearnedPlanDirectory(data))) {
                WebTestClient client = WebTestClient.bindToController(
                        new DevicesController(List.of(collector), new RunningPlant(plant, null))).build();
                collector.start();
                Await.until(cycles::allGood, Duration.ofSeconds(20), () -> "every point it serves GOOD: " + bus.latest());
                servable.forEach(p -> assertTrue(cycles.cycles().get(p) <= 3,
                        p + " GOOD only after " + cycles.cycles().get(p) + " cycles"));

                Await.until(() -> "ONLINE".equals(devices(client).get(0).get("state")), Duration.ofSeconds(10),
                        () -> "ONLINE: " + devices(client));
                Map<String, Object> device = devices(client).get(0);
                assertEquals("incomer", device.get("id"));
                assertEquals(1, device.get("refusedPoints"), device.toString());
                List<Map<String, Object>> recent = (List<Map<String, Object>>) device.get("recentErrors");
                assertTrue(recent.stream().anyMatch(e -> e.get("time") != null && ((String) e.get("reason"))
                        .startsWith("exception 2 (illegal data address) from unit 4, FC 03 at ")), recent.toString());
                Map<String, Object> plan = (Map<String, Object>) device.get("learnedPlan");
                assertNotNull(plan, "the learned plan is shown: " + device);
                assertEquals("chint/dtsu666", plan.get("profileId"));
                List<Map<String, Object>> refused = (List<Map<String, Object>>) plan.get("refused");
                assertEquals("reactive_power", refused.get(0).get("point"));
                assertTrue(((String) refused.get(0).get("reason")).startsWith(
                        "refused: exception 2 (illegal data address) from unit 4, FC 03 at 8218 (0x201A) count 2"));
                List<Map<String, Object>> readable = (List<Map<String, Object>>) plan.get("suggestedReadable");
                assertTrue(readable.contains(Map.of("function", "holding", "first", 0x401E, "last", 0x401F))
                        && readable.contains(Map.of("function", "holding", "first", 0x4028, "last", 0x4029)),
                        readable.toString());
                assertTrue(((String) plan.get("suggestion")).contains("readable:\n  - { function: holding, first: 0x2000,"
                        + " last: 0x2019 }"), (String) plan.get("suggestion"));
                List<Map<String, Object>> reads = (List<Map<String, Object>>) plan.get("reads");
                assertTrue(reads.stream().noneMatch(r -> ((List<String>) r.get("points")).contains("reactive_power")));

                Map<String, Object> probed = client.post().uri("/api/devices/incomer/probe").exchange()
                        .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                        .returnResult().getResponseBody();
                assertEquals("ONLINE", probed.get("state"), probed.toString());
                Map<String, Object> relearned = client.post().uri("/api/devices/incomer/probe?forget=true").exchange()
                        .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                        .returnResult().getResponseBody();
                Map<String, Object> again = (Map<String, Object>) relearned.get("learnedPlan");
                assertTrue(again != null && ((String) again.get("learnedAt")).compareTo((String) plan.get("learnedAt")) > 0,
                        "forgotten, asked again and learned again: " + relearned);
                client.post().uri("/api/devices/nobody/probe").exchange().expectStatus().isNotFound()
                        .expectBody().jsonPath("$.message").isEqualTo("no device 'nobody'; GET /api/devices lists them (没有该设备)");
            }
        }
    }

    private static List<Map<String, Object>> devices(WebTestClient client) {
        return client.get().uri("/api/devices").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult()
                .getResponseBody();
    }
}
