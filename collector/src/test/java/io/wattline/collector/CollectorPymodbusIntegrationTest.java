package io.wattline.collector;

import static io.wattline.collector.support.TestPlants.meter;
import static io.wattline.collector.support.TestPlants.plant;
import static io.wattline.collector.support.TestPlants.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.collector.support.SilentServer;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestProfiles;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The collector end to end against real peers: pymodbus serving known registers, a gateway that
 * never answers, and a port where nothing listens.
 */
@Tag("integration")
class CollectorPymodbusIntegrationTest {

    private static final Map<String, Duration> POLL = Map.of("fast", Duration.ofMillis(500), "slow", Duration.ofSeconds(1));
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static final DeviceProfile METER = TestProfiles.testMeter();
    private static final Function<String, DeviceProfile> PROFILES =
            id -> id.equals(METER.id()) ? METER : null;

    @Test
    void decodedSamplesEqualTheValuesPymodbusServes() throws Exception {
        Peers.requirePymodbus();
        try (PymodbusServer server = PymodbusServer.start("{\"1\": " + TestProfiles.TEST_METER_REGISTERS + "}");
                SampleBus bus = new SampleBus()) {
            Plant plant = plant(List.of(tcp("gw", server.port(), TIMEOUT)),
                    List.of(meter("m1", METER.id(), "gw", 1, POLL)));
            Instant before = Instant.now();
            try (ModbusCollector collector = new ModbusCollector(TestCatalogues.of(plant, PROFILES), PROFILES, bus,
                    Clock.systemUTC())) {
                collector.start();
                await(() -> METER.points().stream().allMatch(p -> bus.latest().containsKey(id("m1", p))),
                        "every point of m1 sampled; pymodbus said: " + server.output());
            }
            Instant after = Instant.now();
            for (PointDefinition p : METER.points()) {
                Sample s = bus.latest().get(id("m1", p));
                assertEquals(Quality.GOOD, s.quality(), p.name() + ": " + s.reason());
                assertEquals(TestProfiles.TEST_METER_VALUES.get(p.name()), s.value(), 1e-9, p.name());
                assertFalse(s.time().isBefore(before) || s.time().isAfter(after), p.name() + " stamped " + s.time());
            }
        }
    }

    @Test
    void deadDevicesGiveBadSamplesWithAReasonWhileOthersKeepDeliveringGoodOnes() throws Exception {
        Peers.requirePymodbus();
        int closedPort = Peers.freePort();
        try (PymodbusServer server = PymodbusServer.start("{\"1\": " + TestProfiles.TEST_METER_REGISTERS + "}");
                SilentServer silent = new SilentServer();
                SampleBus bus = new SampleBus()) {
            Plant plant = plant(
                    List.of(tcp("gw-live", server.port(), TIMEOUT), tcp("gw-silent", silent.port(), TIMEOUT),
                            tcp("gw-gone", closedPort, TIMEOUT)),
                    List.of(meter("live", METER.id(), "gw-live", 1, POLL),
                            // unit 9 is not served: pymodbus stays silent, so this meter times out
                            // on the same gateway as the live one
                            meter("absent-unit", METER.id(), "gw-live", 9, POLL),
                            meter("silent", METER.id(), "gw-silent", 1, POLL),
                            meter("gone", METER.id(), "gw-gone", 1, POLL)));
            Map<PointId, Set<Instant>> goodTimes = new ConcurrentHashMap<>();
            Disposable subscription = bus.stream().filter(Sample::isGood)
                    .subscribe(s -> goodTimes.computeIfAbsent(s.point(), k -> ConcurrentHashMap.newKeySet()).add(s.time()));
            Map<String, List<DeviceHealth>> heard = new ConcurrentHashMap<>();
            try (ModbusCollector collector = new ModbusCollector(TestCatalogues.of(plant, PROFILES), PROFILES, bus,
                    Clock.systemUTC())) {
                collector.addHealthListener(h -> heard.computeIfAbsent(h.meterId(), k -> new CopyOnWriteArrayList<>()).add(h));
                collector.start();
                PointId livePower = id("live", METER.point("active_power").orElseThrow());
                await(() -> goodTimes.getOrDefault(livePower, Set.of()).size() >= 4
                                && METER.points().stream().allMatch(p -> bus.latest().containsKey(id("gone", p))
                                        && bus.latest().containsKey(id("silent", p))
                                        && bus.latest().containsKey(id("absent-unit", p))),
                        "live meter polled 4 times while the dead ones reported; latest: " + bus.latest());
            } finally {
                subscription.dispose();
            }
            // One health stream: each device was told first as not polled yet, last as it turned out.
            assertHeard(heard.get("live"), "ONLINE/");
            assertHeard(heard.get("silent"), "OFFLINE/timeout");
            assertHeard(heard.get("absent-unit"), "OFFLINE/timeout");
            assertHeard(heard.get("gone"), "OFFLINE/io: connect to tcp://127.0.0.1:" + closedPort + " failed");
            for (PointDefinition p : METER.points()) {
                Sample live = bus.latest().get(id("live", p));
                assertEquals(Quality.GOOD, live.quality(), "live." + p.name() + ": " + live.reason());
                assertEquals(TestProfiles.TEST_METER_VALUES.get(p.name()), live.value(), 1e-9);

                Sample silentSample = bus.latest().get(id("silent", p));
                assertBad(silentSample, silentSample.reason());
                assertTrue(silentSample.reason().startsWith("timeout after 300 ms: no answer from unit "), silentSample.reason());
                Sample absent = bus.latest().get(id("absent-unit", p));
                assertBad(absent, absent.reason());
                assertTrue(absent.reason().matches("timeout after 300 ms: no answer from unit \\d+, FC 0[34] at \\d+"
                        + " \\(0x[0-9A-F]{4}\\) count \\d+ on tcp://127\\.0\\.0\\.1:\\d+.*"), absent.reason());
                Sample gone = bus.latest().get(id("gone", p));
                assertBad(gone, gone.reason());
                assertTrue(gone.reason().startsWith("io: connect to tcp://127.0.0.1:" + closedPort + " failed"),
                        gone.reason());
            }
        }
    }

    private static void assertHeard(List<DeviceHealth> heard, String lastStartsWith) {
        List<String> states = heard.stream().map(h -> h.state() + "/" + h.lastError()).toList();
        assertEquals("OFFLINE/not polled yet", states.get(0), states.toString());
        assertTrue(states.get(states.size() - 1).startsWith(lastStartsWith), states.toString());
    }

    private static void assertBad(Sample s, String reason) {
        assertEquals(Quality.BAD, s.quality(), s.toString());
        assertTrue(Double.isNaN(s.value()), s.toString());
        assertEquals(reason, s.reason(), s.toString());
    }

    private static PointId id(String meter, PointDefinition p) {
        return new PointId(meter, p.name());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
