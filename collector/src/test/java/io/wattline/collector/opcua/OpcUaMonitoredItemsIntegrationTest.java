package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.METER;
import static io.wattline.collector.opcua.NodeOpcUaSetups.NONE;
import static io.wattline.collector.opcua.NodeOpcUaSetups.collector;
import static io.wattline.collector.opcua.NodeOpcUaSetups.id;
import static io.wattline.collector.opcua.NodeOpcUaSetups.point;
import static io.wattline.collector.opcua.NodeOpcUaSetups.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.LogLines;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.RecordedBus;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceDiagnostics.PointProblem;
import io.wattline.core.device.DeviceState;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Monitored items that fail and come back, against node-opcua: a node the server does not have
 * yet is refused with one WARN (none for the 16 accepted items, none again at a subscription
 * rebuild) and monitored as soon as it appears; a node deleted while monitored goes BAD and is
 * monitored again when it is added back.
 */
@Tag("integration")
class OpcUaMonitoredItemsIntegrationTest extends NodeOpcUaTestCase {

    private static final List<String> PRESENT = List.of("Power", "Energy", "Temperature", "PowerW", "PowerKW",
            "EnergyMWh", "EnergyKWh", "FlowLps", "TemperatureK", "TemperatureC", "Broken");
    private static final PointId MISSING = id("late");
    private static final PointId VOLATILE = id("volatile");

    /** 16 points the server has (several on the same nodes), one it does not have yet, one it will delete. */
    private static OpcUaProfile profileWithSeventeenPresent() {
        List<OpcUaPoint> points = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String node = PRESENT.get(i % PRESENT.size());
            Quantity q = node.startsWith("Energy") ? Quantity.ACTIVE_ENERGY_IMPORT : node.startsWith("Temperature")
                    ? Quantity.TEMPERATURE : node.startsWith("Flow") ? Quantity.VOLUME_FLOW : Quantity.ACTIVE_POWER;
            points.add(point("p" + i, q, node));
        }
        points.add(point("late", Quantity.ACTIVE_POWER, "Late"));
        points.add(point("volatile", Quantity.ACTIVE_POWER, "Volatile"));
        return profile(points);
    }

    @Test
    void aRefusedItemIsOneWarningAndIsMonitoredOnceItsNodeAppears() throws Exception {
        int port = Peers.freePort();
        Path xdg = temp.resolve("xdg");
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, xdg).start();
        try (RecordedBus recorded = new RecordedBus();
                LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, profileWithSeventeenPresent(),
                        recorded.bus())) {
            SampleBus bus = recorded.bus();
            collector.start();
            Sample refused = Await.until(() -> bus.latest().get(MISSING), s -> true, Duration.ofSeconds(30),
                    "the missing node reported");
            assertEquals(Quality.BAD, refused.quality());
            assertTrue(refused.reason().contains("Bad_NodeIdUnknown"), refused.reason());
            Await.until(() -> bus.latest().get(id("p15")), Sample::isGood, Duration.ofSeconds(30), "accepted items run");
            List<PointProblem> problems = collector.diagnostics(METER).orElseThrow().pointProblems();
            assertEquals(List.of("late"), problems.stream().map(PointProblem::point).toList());

            // A rebuild (server restart: the subscription is created again) does not repeat the warning.
            server.kill();
            server = new NodeOpcUaPeer(port, xdg).start();
            Instant restarted = Instant.now();
            Await.until(() -> recorded.distinctGood(id("p0"), restarted), n -> n >= 2, Duration.ofSeconds(60),
                    "values again after the restart");
            List<String> warnings = log.warnings("OpcUaConnection", "not monitored");
            assertEquals(1, warnings.size(), "one WARN for the refused item: " + warnings);
            assertTrue(warnings.get(0).contains("plc1.late"), warnings.get(0));
            assertTrue(log.warnings("OpcUaConnection", "plc1.p").isEmpty(),
                    "no WARN for accepted items: " + log.warnings("OpcUaConnection", "plc1.p"));

            // The node appears: monitored without a restart of anything.
            server.command("add Late");
            Sample late = Await.until(() -> bus.latest().get(MISSING), Sample::isGood, Duration.ofSeconds(30),
                    "the late node monitored once it exists");
            assertTrue(late.value() > 100, "the server's value: " + late);
            assertTrue(collector.diagnostics(METER).orElseThrow().pointProblems().isEmpty());
            assertEquals(1, log.matching(l -> l.contains("monitoring plc1.late") && l.contains("again")).size());
        } finally {
            server.close();
        }
    }

    @Test
    void aDeletedNodeGoesBadAndIsMonitoredAgainWhenItComesBack() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
                RecordedBus recorded = new RecordedBus();
                OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, profileWithSeventeenPresent(),
                        recorded.bus())) {
            SampleBus bus = recorded.bus();
            collector.start();
            Await.until(() -> recorded.distinctGood(VOLATILE, Instant.MIN), n -> n >= 2, Duration.ofSeconds(30),
                    "the volatile node's values");
            server.command("delete Volatile");
            Sample gone = Await.until(() -> bus.latest().get(VOLATILE), s -> s.quality() == Quality.BAD,
                    Duration.ofSeconds(30), "BAD once its node is deleted");
            assertTrue(gone.reason().startsWith("Bad_NodeId"), gone.reason());
            assertEquals(DeviceState.ONLINE, collector.health(METER).orElseThrow().state(), "the device is fine");

            server.command("add Volatile");
            Instant back = Instant.now();
            Await.until(() -> recorded.distinctGood(VOLATILE, back), n -> n >= 2, Duration.ofSeconds(30),
                    "GOOD values again once the node is back");
            assertTrue(bus.latest().get(id("p0")).isGood(), "the other items were never disturbed");
        }
    }
}
