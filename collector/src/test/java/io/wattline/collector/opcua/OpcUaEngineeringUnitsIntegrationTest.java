package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.NONE;
import static io.wattline.collector.opcua.NodeOpcUaSetups.collector;
import static io.wattline.collector.opcua.NodeOpcUaSetups.id;
import static io.wattline.collector.opcua.NodeOpcUaSetups.point;
import static io.wattline.collector.opcua.NodeOpcUaSetups.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.ProfileCheck.PointCheck;
import io.wattline.collector.opcua.ProfileCheck.Verdict;
import io.wattline.collector.support.LogLines;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceDiagnostics.PointProblem;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server's EngineeringUnits (node-opcua analog items in W, MWh, L/s, K, kWh...) read when the
 * items are subscribed: compatible units are converted to the quantity's unit, an incompatible one
 * refuses the point with the reason; {@code opcua-browse} shows the units in the skeleton and its
 * check reports the mismatch before commissioning; the skeleton saved as a file outside the jar drives
 * a collector.
 */
@Tag("integration")
class OpcUaEngineeringUnitsIntegrationTest extends NodeOpcUaTestCase {

    private static final OpcUaProfile PROFILE = profile(List.of(
            point("power_w", Quantity.ACTIVE_POWER, "PowerW"),
            point("energy_mwh", Quantity.ACTIVE_ENERGY_IMPORT, "EnergyMWh"),
            point("flow_lps", Quantity.VOLUME_FLOW, "FlowLps"),
            point("temperature_k", Quantity.TEMPERATURE, "TemperatureK"),
            point("temperature_c", Quantity.TEMPERATURE, "TemperatureC"),
            point("no_unit", Quantity.TEMPERATURE, "Temperature"),
            point("energy_as_power", Quantity.ACTIVE_POWER, "EnergyKWh")));

    @Test
    void compatibleUnitsAreConvertedAndAnIncompatibleOneRefusesThePoint() throws Exception {
        int port = Peers.freePort();
        SampleBus bus = new SampleBus();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
                LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, PROFILE, bus)) {
            collector.start();
            Map<String, Double> expected = Map.of("power_w", 12.345, "energy_mwh", 1500.0, "flow_lps", 7.2,
                    "temperature_k", 27.0, "temperature_c", 21.5, "no_unit", 21.5);
            for (var e : expected.entrySet()) {
                Sample s = Await.until(() -> bus.latest().get(id(e.getKey())), Sample::isGood, Duration.ofSeconds(30),
                        "a GOOD " + e.getKey());
                assertEquals(e.getValue(), s.value(), 1e-9, e.getKey() + " in the quantity's unit");
            }
            Sample refused = Await.until(() -> bus.latest().get(id("energy_as_power")), s -> true,
                    Duration.ofSeconds(10), "energy_as_power reported");
            assertEquals(Quality.BAD, refused.quality());
            assertEquals("unit mismatch: the server declares kWh (EngineeringUnits), active_power is in kW;"
                    + " check the profile's quantity and node", refused.reason());
            List<PointProblem> problems = collector.diagnostics(NodeOpcUaSetups.METER).orElseThrow().pointProblems();
            assertEquals(List.of("energy_as_power"), problems.stream().map(PointProblem::point).toList());
            assertEquals(refused.reason(), problems.get(0).problem());
            assertEquals(1, log.warnings("OpcUaConnection", "unit mismatch").size(),
                    log.warnings("OpcUaConnection", "").toString());
            assertTrue(log.warnings("OpcUaConnection", "plc1.power_w").isEmpty(), "no WARN for an accepted point");
        }
    }

    @Test
    void browseShowsTheUnitsInTheSkeletonAndTheCheckReportsTheMismatch() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start()) {
            List<BrowsedVariable> found = BrowseTool.browse(server.url(), NONE, temp.resolve("data"), 6, null);
            Map<String, String> units = found.stream().collect(Collectors.toMap(
                    v -> v.browsePath().substring(v.browsePath().lastIndexOf(':') + 1), BrowsedVariable::unit,
                    (a, b) -> a));
            assertEquals("W", units.get("PowerW"));
            assertEquals("MWh", units.get("EnergyMWh"));
            assertEquals("L/s", units.get("FlowLps"));
            assertEquals("K", units.get("TemperatureK"));
            assertEquals("", units.get("Power"), "a plain variable declares no unit");

            String skeleton = BrowseTool.profileSkeleton("test/browsed", found);
            OpcUaProfile parsed = OpcUaProfileLoader.parse("test/browsed", "skeleton.yaml", skeleton);
            Map<String, OpcUaPoint> points = parsed.points().stream()
                    .collect(Collectors.toMap(OpcUaPoint::name, Function.identity()));
            assertEquals(Quantity.ACTIVE_POWER, points.get("power_w").quantity(), "quantity from the unit W");
            assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, points.get("energy_mwh").quantity(), skeleton);
            assertEquals(Quantity.VOLUME_FLOW, points.get("flow_lps").quantity());
            assertEquals(Quantity.TEMPERATURE, points.get("temperature_k").quantity());
            assertTrue(skeleton.contains("# server unit W: converted to kW automatically"), skeleton);
            assertTrue(skeleton.contains("# server unit L/s: converted to m3/h automatically"), skeleton);

            // The skeleton, saved as a file outside the jar, is a profile a collector reads the server with.
            Path file = temp.resolve("profiles/test/browsed.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, skeleton);
            OpcUaProfile fromFile = OpcUaProfileLoader.parse("test/browsed", file.toString(), Files.readString(file));
            Function<String, Optional<OpcUaProfile>> profiles = id -> Optional.of(fromFile).filter(p -> p.id().equals(id));
            SampleBus bus = new SampleBus();
            try (OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, "test/browsed", profiles, bus,
                    Clock.systemUTC())) {
                collector.start();
                Sample power = Await.until(() -> bus.latest().get(id("power_w")), Sample::isGood,
                        Duration.ofSeconds(30), "power_w read through the folder profile");
                assertEquals(12.345, power.value(), 1e-9, "W converted to kW");
            }

            List<PointCheck> checks = BrowseTool.check(server.url(), NONE, temp.resolve("data"), profile(List.of(
                    point("power_w", Quantity.ACTIVE_POWER, "PowerW"),
                    point("temperature_c", Quantity.TEMPERATURE, "TemperatureC"),
                    point("no_unit", Quantity.TEMPERATURE, "Temperature"),
                    point("energy_as_power", Quantity.ACTIVE_POWER, "EnergyKWh"),
                    point("missing", Quantity.ACTIVE_POWER, "NoSuchNode"))));
            Map<String, Verdict> verdicts = checks.stream()
                    .collect(Collectors.toMap(PointCheck::point, PointCheck::verdict));
            assertEquals(Map.of("power_w", Verdict.CONVERTED, "temperature_c", Verdict.OK, "no_unit", Verdict.NOT_CHECKED,
                    "energy_as_power", Verdict.MISMATCH, "missing", Verdict.NOT_FOUND), verdicts, checks.toString());
            assertEquals(2, checks.stream().filter(PointCheck::problem).count());
        }
    }
}
