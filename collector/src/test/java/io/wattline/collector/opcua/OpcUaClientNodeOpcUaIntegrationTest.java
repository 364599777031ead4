package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.distinctGood;
import static io.wattline.collector.opcua.NodeOpcUaSetups.trustServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestPlants;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.testkit.Await;
import io.wattline.testkit.TcpCutProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The OPC UA client against a real node-opcua server: browse, read, subscribe to changing Doubles,
 * survive a killed and restarted server without help, secured with Basic256Sha256 and a user,
 * and say clearly when a server refuses our certificate.
 */
@Tag("integration")
class OpcUaClientNodeOpcUaIntegrationTest extends NodeOpcUaTestCase {

    private static final String PROFILE_ID = "test/node-line";
    private static final OpcUaProfile PROFILE = new OpcUaProfile(PROFILE_ID, "test", "node-line", "node-opcua peer",
            List.of(new OpcUaPoint("power", Quantity.ACTIVE_POWER, "kW", "ns=1;s=Line1.Power", null,
                            Duration.ofMillis(200), 5, Deadband.NONE, 1, 0),
                    new OpcUaPoint("energy", Quantity.ACTIVE_ENERGY_IMPORT, "kWh", null, "1:Line1/1:Energy",
                            Duration.ofMillis(200), 1, new Deadband(Deadband.Type.ABSOLUTE, 0.001), 1, 0),
                    new OpcUaPoint("temperature", Quantity.TEMPERATURE, "degC", "ns=1;s=Line1.Temperature", null,
                            Duration.ofMillis(500), 1, Deadband.NONE, 1, 0)));
    private static final PointId POWER = new PointId("plc1", "power");
    private static final PointId ENERGY = new PointId("plc1", "energy");
    private static final PointId TEMPERATURE = new PointId("plc1", "temperature");
    private static final OpcUaCollectorOptions FAST = new OpcUaCollectorOptions(Duration.ofMillis(250),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofMillis(200));
    private static final PointId COMM_ONLINE = new PointId("plc1", HealthPoints.ONLINE);

    @Test
    void browsesReadsAndWritesAProfileSkeleton() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start()) {
            OpcUaEndpoint none = new OpcUaEndpoint("/wattline-test", "None", "None", null, null, null, false);
            List<BrowsedVariable> found = BrowseTool.browse(server.url(), none, temp.resolve("data"), 6, null);
            BrowsedVariable power = found.stream().filter(v -> v.browsePath().endsWith("1:Line1/1:Power")).findFirst()
                    .orElseThrow(() -> new AssertionError("Line1/Power not browsed; found " + found));
            assertEquals("Double", power.dataType());
            double value = Double.parseDouble(power.value());
            assertTrue(value >= 30 && value <= 50, "Power reads " + value + ", the server makes 40 ± 10");
            assertTrue(power.nodeId().endsWith(";s=Line1.Power") && power.nodeId().startsWith("nsu="), power.nodeId());

            String skeleton = BrowseTool.profileSkeleton("test/browsed", found);
            OpcUaProfile parsed = OpcUaProfileLoader.parse("test/browsed", "skeleton.yaml", skeleton);
            OpcUaPoint p = parsed.point("power").orElseThrow(() -> new AssertionError("no power in\n" + skeleton));
            assertEquals(Quantity.ACTIVE_POWER, p.quantity());
            assertEquals(power.nodeId(), p.nodeId());
            assertTrue(parsed.point("energy").isPresent() && parsed.point("temperature").isPresent(), skeleton);
        }
    }

    @Test
    void subscribesAndResumesAfterTheServerIsKilledAndRestarted() throws Exception {
        int port = Peers.freePort();
        Path xdg = temp.resolve("xdg");
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, xdg).start();
        OpcUaEndpoint none = new OpcUaEndpoint("/wattline-test", "None", "None", null, null, null, false);
        runRestartScenario(port, xdg, server, none);
    }

    @Test
    void basic256Sha256SignAndEncryptWithAUserSurvivesARestart() throws Exception {
        int port = Peers.freePort();
        Path xdg = temp.resolve("xdg");
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, xdg, "--user", "alice:s3cret").start();
        Path trust = temp.resolve("data/opcua/trusted-servers");
        trustServer(server.certificate(), trust);
        OpcUaEndpoint secure = new OpcUaEndpoint("/wattline-test", "Basic256Sha256", "SignAndEncrypt", "alice",
                "s3cret", "opcua/trusted-servers", false);
        runRestartScenario(port, xdg, server, secure, "--user", "alice:s3cret");
    }

    @Test
    void aServerThatRejectsOurCertificateIsReportedInHealthNotRetriedLoudly() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), "--reject-unknown-clients").start()) {
            trustServer(server.certificate(), temp.resolve("data/opcua/pki"));
            OpcUaEndpoint secure = new OpcUaEndpoint("/wattline-test", "Basic256Sha256", "SignAndEncrypt", null, null,
                    null, false);
            SampleBus bus = new SampleBus();
            try (OpcUaCollector collector = collector(port, secure, bus)) {
                collector.start();
                DeviceHealth h = await(() -> collector.health("plc1").orElseThrow(),
                        d -> d.failures() >= 2, Duration.ofSeconds(30), "two failed connects");
                assertEquals(DeviceState.OFFLINE, h.state());
                assertTrue(h.lastError().contains("rejected our application certificate"), h.lastError());
                assertTrue(h.lastError().contains("collector.der"), "says which file to trust: " + h.lastError());
                Sample power = bus.latest().get(POWER);
                assertNotNull(power, "the point shows up, BAD, with the reason");
                assertEquals(Quality.BAD, power.quality());
                assertTrue(power.reason().contains("rejected our application certificate"), power.reason());
            }
        }
    }

    @Test
    void aServerWhoseCertificateWeDoNotTrustIsRefused() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start()) {
            OpcUaEndpoint secure = new OpcUaEndpoint("/wattline-test", "Basic256Sha256", "Sign", null, null,
                    null, false);
            SampleBus bus = new SampleBus();
            try (OpcUaCollector collector = collector(port, secure, bus)) {
                collector.start();
                DeviceHealth h = await(() -> collector.health("plc1").orElseThrow(),
                        d -> d.failures() >= 1, Duration.ofSeconds(30), "a failed connect");
                assertEquals(DeviceState.OFFLINE, h.state());
                assertTrue(h.lastError().contains("not trusted"), h.lastError());
                try (var rejected = Files.list(temp.resolve("data/opcua/pki/rejected"))) {
                    assertTrue(rejected.findAny().isPresent(), "the server certificate waits in rejected/ for review");
                }
            }
        }
    }

    @Test
    void aShortNetworkCutMarksValuesStaleAndTheyResume() throws Exception {
        networkCut(Duration.ofSeconds(4), Duration.ofSeconds(60));
    }

    @Test
    void aCutLongerThanTheSessionTimeoutGetsANewSessionAndSubscription() throws Exception {
        networkCut(Duration.ofSeconds(12), Duration.ofSeconds(5));
    }

    /** Through a proxy: the server advertises its own port, the client must dial the configured one. */
    private void networkCut(Duration cutFor, Duration sessionTimeout) throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
                TcpCutProxy proxy = new TcpCutProxy(port)) {
            OpcUaEndpoint none = new OpcUaEndpoint("/wattline-test", "None", "None", null, null, null, false);
            SampleBus bus = new SampleBus();
            List<Sample> seen = new CopyOnWriteArrayList<>();
            Disposable tap = bus.stream().subscribe(seen::add);
            OpcUaCollectorOptions options = new OpcUaCollectorOptions(Duration.ofMillis(250), Duration.ofSeconds(2),
                    Duration.ofSeconds(3), sessionTimeout, Duration.ofSeconds(1));
            Connection c = Connection.opcUa("node1", "127.0.0.1", proxy.port(), none);
            Plant plant = TestPlants.plant(List.of(c), List.of(TestPlants.meter("plc1", PROFILE_ID, "node1", 0, Map.of())));
            try (OpcUaCollector collector = new OpcUaCollector(TestCatalogues.ofOpcUa(plant, OpcUaClientNodeOpcUaIntegrationTest::profile),
                    OpcUaClientNodeOpcUaIntegrationTest::profile, bus, Clock.systemUTC(), temp.resolve("data"), options)) {
                collector.start();
                await(() -> distinctGood(seen, POWER, Instant.MIN), n -> n >= 3, Duration.ofSeconds(30),
                        "GOOD power values through the proxy");
                proxy.cut();
                await(() -> bus.latest().get(POWER), s -> s.quality() == Quality.UNCERTAIN, Duration.ofSeconds(30),
                        "power stale while the wire is cut");
                Thread.sleep(cutFor.toMillis());
                Instant restored = Instant.now();
                proxy.restore();
                await(() -> distinctGood(seen, POWER, restored), n -> n >= 3, Duration.ofSeconds(60),
                        "GOOD power values after the wire is back, without intervention");
                assertEquals(DeviceState.ONLINE, await(() -> collector.health("plc1").orElseThrow(),
                        h -> h.state() == DeviceState.ONLINE, Duration.ofSeconds(10), "ONLINE").state());
            } finally {
                tap.dispose();
            }
        }
    }

    private void runRestartScenario(int port, Path xdg, NodeOpcUaPeer first, OpcUaEndpoint endpoint, String... serverOptions)
            throws Exception {
        SampleBus bus = new SampleBus();
        List<Sample> seen = new CopyOnWriteArrayList<>();
        Disposable tap = bus.stream().subscribe(seen::add);
        NodeOpcUaPeer server = first;
        List<DeviceState> heard = new CopyOnWriteArrayList<>();
        try (OpcUaCollector collector = collector(port, endpoint, bus)) {
            collector.addHealthListener(h -> heard.add(h.state()));
            assertEquals(List.of(DeviceState.OFFLINE), heard, "told the current state at once");
            collector.start();
            await(() -> distinctGood(seen, POWER, Instant.MIN), n -> n >= 4, Duration.ofSeconds(30),
                    "4 different GOOD power values");
            Sample energy = await(() -> bus.latest().get(ENERGY), s -> s != null && s.isGood(), Duration.ofSeconds(10),
                    "energy through its browse path");
            assertTrue(energy.value() >= 1000, "energy counter starts at 1000, read " + energy.value());
            Sample temperature = await(() -> bus.latest().get(TEMPERATURE), s -> s != null && s.isGood(),
                    Duration.ofSeconds(10), "temperature");
            assertEquals(21.5, temperature.value(), 1e-9);
            Sample power = bus.latest().get(POWER);
            assertTrue(Duration.between(power.time(), Instant.now()).abs().compareTo(Duration.ofSeconds(5)) < 0,
                    "source timestamp kept: " + power.time());
            assertEquals(DeviceState.ONLINE, collector.health("plc1").orElseThrow().state());
            assertEquals(DeviceState.ONLINE, heard.get(heard.size() - 1), "the listener heard it: " + heard);
            // Health points of an OPC UA device, like a Modbus meter's.
            await(() -> bus.latest().get(COMM_ONLINE), s -> s != null && s.value() == 1.0, Duration.ofSeconds(5),
                    "comm_online 1");
            assertTrue(HealthPoints.NAMES.stream().allMatch(n -> bus.latest().containsKey(new PointId("plc1", n))),
                    "every comm_* point published: " + bus.latest().keySet());

            server.kill();
            await(() -> bus.latest().get(POWER), s -> s.quality() == Quality.UNCERTAIN, Duration.ofSeconds(30),
                    "power marked stale while the server is away");
            assertEquals(DeviceState.OFFLINE, collector.health("plc1").orElseThrow().state());
            assertEquals(DeviceState.OFFLINE, heard.get(heard.size() - 1), "the listener heard it: " + heard);
            await(() -> bus.latest().get(COMM_ONLINE), s -> s.value() == 0.0, Duration.ofSeconds(5), "comm_online 0");
            Thread.sleep(1500);

            Instant restarted = Instant.now();
            server = new NodeOpcUaPeer(port, xdg, serverOptions).start();
            Instant since = restarted;
            await(() -> distinctGood(seen, POWER, since), n -> n >= 3, Duration.ofSeconds(60),
                    "3 GOOD power values after the restart, without intervention");
            await(() -> collector.health("plc1").orElseThrow(), h -> h.state() == DeviceState.ONLINE,
                    Duration.ofSeconds(10), "ONLINE again");
            assertTrue(bus.latest().get(TEMPERATURE).isGood(), "temperature subscribed again too");
            await(() -> heard.get(heard.size() - 1), s -> s == DeviceState.ONLINE, Duration.ofSeconds(5),
                    "the listener hears ONLINE again: " + heard);
        } finally {
            tap.dispose();
            server.close();
        }
    }

    private OpcUaCollector collector(int port, OpcUaEndpoint endpoint, SampleBus bus) {
        Connection c = Connection.opcUa("node1", "127.0.0.1", port, endpoint);
        Meter m = TestPlants.meter("plc1", PROFILE_ID, "node1", 0, Map.of());
        Plant plant = TestPlants.plant(List.of(c), List.of(m));
        return new OpcUaCollector(TestCatalogues.ofOpcUa(plant, OpcUaClientNodeOpcUaIntegrationTest::profile),
                OpcUaClientNodeOpcUaIntegrationTest::profile, bus, Clock.systemUTC(), temp.resolve("data"), FAST);
    }

    private static Optional<OpcUaProfile> profile(String id) {
        return id.equals(PROFILE_ID) ? Optional.of(PROFILE) : Optional.empty();
    }

    private static <T> T await(Supplier<T> value, Predicate<T> done, Duration within, String what)
            throws InterruptedException {
        return Await.until(value, done, within, what);
    }
}
