package io.wattline.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.PollingOptions;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.BusStatistics;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.Rs485BusEmulator;
import io.wattline.simulator.SimulatorOptions;
import io.wattline.simulator.SlaveBehaviour;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two RS-485 buses of the simulator's emulator, each with one live and one unplugged meter of the
 * same model, polled by one collector with different per-connection options from the plant file's
 * {@code polling} section: bus A {@code strategy: none, retries: 0}, bus B {@code max_insert(10),
 * retries: 3}. What each bus carries shows each ran with its own: A one request per point of the
 * live meter and one unanswered request to the dead one, B the coalesced reads and four unanswered
 * requests (1 + 3 retries). Every poll group is read once an hour and the backoff is an hour, so
 * every count is exact.
 */
@Tag("integration")
class CollectorPerConnectionOptionsIntegrationTest {

    private static final String PROFILE = "chint/dtsu666";
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void twoBusesRunWithTheirOwnStrategyAndRetries() throws Exception {
        Peers.requireSocat();
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DeviceProfile profile = catalog.require(PROFILE);
        Connection a = bus("bus-a").withPolling(new PollingOptions("none", 0, HOUR, HOUR, null));
        Connection b = bus("bus-b").withPolling(new PollingOptions("max_insert(10)", 3, HOUR, HOUR,
                Duration.ofMillis(2)));
        Plant configured = new Plant("two buses", ZoneId.of("Asia/Shanghai"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(a, b),
                List.of(meter("a1", "bus-a", 1, profile), meter("a2", "bus-a", 2, profile),
                        meter("b1", "bus-b", 1, profile), meter("b2", "bus-b", 2, profile)), null, null);
        try (PlantSimulator sim = PlantSimulator.start(configured, catalog, SimulatorOptions.ephemeral());
                SampleBus bus = new SampleBus()) {
            Rs485BusEmulator busA = sim.bus("bus-a").orElseThrow();
            Rs485BusEmulator busB = sim.bus("bus-b").orElseThrow();
            busA.setBehaviour(2, SlaveBehaviour.dead());
            busB.setBehaviour(2, SlaveBehaviour.dead());
            try (ModbusCollector collector = new ModbusCollector(TestCatalogues.of(sim.plant(), catalog::require),
                    catalog::require, bus, Clock.systemUTC())) {
                int readsA = reads(collector, "bus-a", "a1");
                int readsB = reads(collector, "bus-b", "b1");
                assertEquals(profile.points().size(), readsA, "none: one read per point");
                assertTrue(readsB < readsA, "max_insert(10) joins reads: " + readsB + " vs " + readsA);
                collector.start();
                await(() -> profile.points().stream().allMatch(p -> good(bus, "a1", p) && good(bus, "b1", p))
                                && offline(collector, "a2") && offline(collector, "b2"),
                        () -> "live meters read once, dead ones OFFLINE: " + collector.health());
                BusStatistics onA = busA.statistics();
                BusStatistics onB = busB.statistics();
                assertEquals(1, onA.unanswered(), "bus A, retries 0: the dead meter is asked once, then rests");
                assertEquals(4, onB.unanswered(), "bus B, retries 3: the dead meter is asked 1 + 3 times, then rests");
                assertEquals(readsA + 1, onA.requestFrames(), "bus A carried " + onA);
                assertEquals(readsB + 4, onB.requestFrames(), "bus B carried " + onB);
                assertEquals(1, collector.health("a2").orElseThrow().requests(), "one request counted for a2");
                assertEquals(4, collector.health("b2").orElseThrow().requests(), "four requests counted for b2");
            }
        }
    }

    private static Connection bus(String id) {
        return new Connection(id, ConnectionType.MODBUS_RTU, null, 0, "/dev/placeholder-" + id, 38400, "N", 1,
                Duration.ofSeconds(1), 1);
    }

    private static Meter meter(String id, String connection, int unit, DeviceProfile profile) {
        Map<String, Duration> poll = new LinkedHashMap<>();
        profile.points().forEach(p -> poll.put(p.pollGroup(), HOUR));
        return new Meter(id, "Meter " + id, profile.id(), connection, unit, EnergyCarrier.ELECTRICITY, "area", null,
                null, null, null, poll);
    }

    private static int reads(ModbusCollector collector, String connection, String meter) {
        return collector.tasks().get(connection).stream().filter(t -> t.meter().id().equals(meter))
                .mapToInt(t -> t.requests().size()).sum();
    }

    private static boolean good(SampleBus bus, String meter, PointDefinition p) {
        var s = bus.latest().get(new PointId(meter, p.name()));
        return s != null && s.isGood();
    }

    private static boolean offline(ModbusCollector collector, String meter) {
        return collector.health(meter).orElseThrow().state() == DeviceState.OFFLINE
                && collector.health(meter).orElseThrow().requests() > 0;
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
