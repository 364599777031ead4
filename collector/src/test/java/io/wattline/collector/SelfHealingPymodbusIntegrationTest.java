package io.wattline.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.CyclesUntilGood;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.ProfileRegisters;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestPlants;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceError;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.device.LearnedReadPlan;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import io.wattline.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against pymodbus devices that behave as meters on site do: one that refuses part of
 * what its profile (the shipped CHINT DTSU666) declares readable, one that answers late, one that
 * disappears and comes back. mbpoll, an independent master, confirms what the device refuses and
 * what it serves.
 */
@Tag("integration")
@Timeout(120)
class SelfHealingPymodbusIntegrationTest {

    private static final DeviceProfile DTSU = ProfileCatalog.builtIn().require("chint/dtsu666");
    private static final RegisterFunction H = RegisterFunction.HOLDING;
    /** Reactive power (201AH) is missing on this meter, and so is the block between the two energies. */
    private static final List<RegisterRange> REFUSED = List.of(new RegisterRange(H, 0x201A, 0x201C),
            new RegisterRange(H, 0x4020, 0x4028));
    private static final Map<String, Double> VALUES = values();
    private static final Duration PERIOD = Duration.ofMillis(500);

    @TempDir
    Path data;

    @BeforeAll
    static void peers() {
        Peers.requirePymodbus();
    }

    private static Map<String, Double> values() {
        Map<String, Double> v = new LinkedHashMap<>();
        double[] numbers = {230.1, 229.8, 231.2, 12.345, 11.872, 13.004, 8.4512, 2.8405, 2.7311, 2.8796, 1.2034, 0.989,
                49.98, 123456.5, 321.25};
        List<PointDefinition> points = DTSU.points();
        for (int i = 0; i < points.size(); i++) {
            v.put(points.get(i).name(), numbers[i]);
        }
        return v;
    }

    private static Plant plant(int port, Duration timeout, int unitId) {
        return TestPlants.plant(List.of(TestPlants.tcp("gw", port, timeout)), List.of(TestPlants.meter("m1",
                DTSU.id(), "gw", unitId, Map.of("fast", PERIOD, "slow", PERIOD))));
    }

    private ModbusCollector collector(Plant plant, CollectorOptions options, SampleBus bus) {
        return new ModbusCollector(TestCatalogues.of(plant, ProfileCatalog.builtIn()::require),
                ProfileCatalog.builtIn()::require, bus, Clock.systemUTC(), options.withLearnedPlanDirectory(data));
    }

    @Test
    void aMeterThatRefusesPartOfItsDeclaredBlocksIsHealedWithinThreeCyclesAndRemembersIt() throws Exception {
        String spec = ProfileRegisters.spec(Map.of(1, ProfileRegisters.unit(DTSU, VALUES, REFUSED)));
        Set<String> servable = DTSU.points().stream().map(PointDefinition::name)
                .filter(n -> !n.equals("reactive_power")).collect(Collectors.toSet());
        try (PymodbusServer server = PymodbusServer.start(spec)) {
            crossCheckWithMbpoll(server.port());
            Plant plant = plant(server.port(), Duration.ofSeconds(1), 1);
            CyclesUntilGood cycles = new CyclesUntilGood("m1", servable);
            try (SampleBus bus = new SampleBus()) {
                bus.addListener(cycles);
                try (ModbusCollector collector = collector(plant, CollectorOptions.defaults(), bus)) {
                    collector.start();
                    Await.until(cycles::allGood, Duration.ofSeconds(20),
                            () -> "every point it can serve GOOD; latest " + bus.latest());
                    for (String point : servable) {
                        assertTrue(cycles.cycles().get(point) <= 3, point + " took " + cycles.cycles().get(point)
                                + " cycles to be GOOD (samples so far " + cycles.cycles() + ")");
                        assertEquals(VALUES.get(point), bus.latest().get(new PointId("m1", point)).value(),
                                Math.abs(VALUES.get(point)) * 1e-6, point);
                    }
                    Await.until(() -> collector.health("m1").orElseThrow().state() == DeviceState.ONLINE,
                            Duration.ofSeconds(10), () -> "ONLINE: " + collector.health("m1"));
                    DeviceHealth health = collector.health("m1").orElseThrow();
                    assertEquals(1, health.refusedPoints(), health.toString());
                    Sample refused = bus.latest().get(new PointId("m1", "reactive_power"));
                    assertEquals(Quality.BAD, refused.quality());
                    assertTrue(refused.reason().startsWith("refused: exception 2 (illegal data address) from unit 1,"
                            + " FC 03 at 8218 (0x201A) count 2"), refused.reason());
                    assertTrue(health.recentErrors().stream().map(DeviceError::reason)
                            .anyMatch(r -> r.startsWith("exception 2 (illegal data address) from unit 1, FC 03 at ")),
                            "the refusal that started the healing is kept: " + health.recentErrors());

                    LearnedReadPlan learned = collector.learnedPlan("m1").orElseThrow();
                    assertEquals(List.of(new LearnedReadPlan.RefusedPoint("reactive_power", refused.reason())),
                            learned.refused());
                    assertTrue(learned.suggestedReadable().containsAll(List.of(
                            new LearnedReadPlan.Range("holding", 0x2000, 0x2019),
                            new LearnedReadPlan.Range("holding", 0x201C, 0x2021),
                            new LearnedReadPlan.Range("holding", 0x401E, 0x401F),
                            new LearnedReadPlan.Range("holding", 0x4028, 0x4029))), learned.suggestedReadable().toString());
                    assertTrue(learned.suggestion().contains("  - { function: holding, first: 0x401E, last: 0x401F }"),
                            learned.suggestion());
                    assertTrue(learned.reads().stream().noneMatch(r -> r.start() <= 0x4020 && r.start() + r.count() > 0x4020),
                            "no read crosses the refused block any more: " + learned.reads());
                }
                assertTrue(Files.isRegularFile(data.resolve("m1.json")), "kept under the data directory");

                // A restart starts from what was learned: no refused request at all.
                try (ModbusCollector again = collector(plant, CollectorOptions.defaults(), bus)) {
                    assertTrue(again.learnedPlan("m1").isPresent(), "read back before the first poll");
                    again.start();
                    Await.until(() -> again.health("m1").orElseThrow().requests() >= 12, Duration.ofSeconds(20),
                            () -> "a few cycles: " + again.health("m1"));
                    DeviceHealth health = again.health("m1").orElseThrow();
                    assertEquals(0, health.failures(), "nothing refused after the restart: " + health);
                    assertEquals(DeviceState.ONLINE, health.state());
                }
            }
        }
    }

    /** mbpoll (PDU addresses with -0) reads Ua as the device serves it and is refused reactive power. */
    private static void crossCheckWithMbpoll(int port) throws Exception {
        Peers.requireMbpoll();
        String voltage = Peers.mbpoll("-m", "tcp", "-a", "1", "-0", "-r", "8198", "-c", "1", "-t", "4:float", "-B",
                "-1", "-p", Integer.toString(port), "127.0.0.1");
        assertTrue(voltage.contains("[8198]: \t2301") || voltage.contains("[8198]: 2301"), voltage);
        String refused = Peers.mbpoll("-m", "tcp", "-a", "1", "-0", "-r", "8218", "-c", "2", "-t", "4", "-1", "-p",
                Integer.toString(port), "127.0.0.1");
        assertTrue(refused.toLowerCase().contains("illegal data address"), refused);
    }

    @Test
    void aLateAnswerIsReportedWithHowLateItCameAndWhatTimeoutWouldDo() throws Exception {
        String spec = ProfileRegisters.spec(Map.of(2, ProfileRegisters.late(ProfileRegisters.unit(DTSU, VALUES,
                List.of()), 1.5)));
        try (PymodbusServer server = PymodbusServer.start(spec); SampleBus bus = new SampleBus();
                ModbusCollector collector = collector(plant(server.port(), Duration.ofSeconds(1), 2),
                        CollectorOptions.defaults().withRetries(0), bus)) {
            collector.start();
            Await.until(() -> collector.health("m1").orElseThrow().recentErrors().stream()
                    .anyMatch(e -> e.reason().startsWith("late answer:")), Duration.ofSeconds(30),
                    () -> "a late answer reported: " + collector.health("m1"));
            DeviceHealth health = collector.health("m1").orElseThrow();
            String late = health.recentErrors().stream().map(DeviceError::reason)
                    .filter(r -> r.startsWith("late answer:")).findFirst().orElseThrow();
            assertTrue(late.matches("late answer: unit 2, FC 03 at \\d+ \\(0x[0-9A-F]{4}\\) count \\d+ answered after"
                    + " 1\\.[5-9] s, [5-9]\\d\\d ms after the timeout of 1 s on tcp://127\\.0\\.0\\.1:\\d+; raise the"
                    + " connection's timeout to at least 2\\.[3-9] s"), late);
            String timeout = health.recentErrors().stream().map(DeviceError::reason)
                    .filter(r -> r.startsWith("timeout after 1 s: no answer from unit 2, FC 03 at ")).findFirst()
                    .orElseThrow(() -> new AssertionError("the timeout itself: " + health.recentErrors()));
            assertTrue(timeout.contains(" count "), timeout);
            Await.until(() -> collector.health("m1").orElseThrow().lastError() != null
                    && collector.health("m1").orElseThrow().lastError().contains("an earlier request to this unit was"
                            + " answered after"), Duration.ofSeconds(30),
                    () -> "later timeouts say how late the device answers: " + collector.health("m1"));
        }
    }

    @Test
    void aMeterThatDisappearsAndComesBackIsSeenAtOnceWhenProbed() throws Exception {
        String spec = ProfileRegisters.spec(Map.of(1, ProfileRegisters.unit(DTSU, VALUES, List.of())));
        int port = Peers.freePort();
        // A long rest: without the probe the meter would not be asked again for half a minute.
        CollectorOptions options = CollectorOptions.defaults().withBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (SampleBus bus = new SampleBus();
                ModbusCollector collector = collector(plant(port, Duration.ofMillis(500), 1), options, bus)) {
            try (PymodbusServer server = PymodbusServer.start(spec, false, port)) {
                collector.start();
                Await.until(() -> collector.health("m1").orElseThrow().state() == DeviceState.ONLINE,
                        Duration.ofSeconds(20), () -> "ONLINE first: " + collector.health("m1"));
            }
            Await.until(() -> collector.health("m1").orElseThrow().state() == DeviceState.OFFLINE,
                    Duration.ofSeconds(20), () -> "OFFLINE once unplugged: " + collector.health("m1"));
            DeviceHealth away = collector.health("m1").orElseThrow();
            assertTrue(away.lastError().contains("unit 1, FC 03 at "), away.lastError());
            try (PymodbusServer back = PymodbusServer.start(spec, false, port)) {
                DeviceHealth probed = collector.probe("m1", false).orElseThrow().get(20, TimeUnit.SECONDS);
                assertEquals(DeviceState.ONLINE, probed.state(), "back at once when probed: " + probed);
                assertTrue(probed.nextProbeTime() == null, probed.toString());
            }
            assertTrue(collector.probe("nobody", false).isEmpty(), "an unknown meter cannot be probed");
        }
    }
}
