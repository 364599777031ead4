package io.wattline.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.Rs485BusEmulator;
import io.wattline.simulator.RtuBusPlants;
import io.wattline.simulator.SimulatorOptions;
import io.wattline.simulator.SlaveBehaviour;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The collector on the simulator's timed RS-485 bus (real serial I/O through socat ptys, bytes
 * paced at the baud rate) with eight catalogue meters, one of them unplugged: the seven keep
 * their period, the dead one goes OFFLINE and costs the bus one timeout per backoff period, and
 * comes back ONLINE when it is plugged in again.
 */
@Tag("integration")
class CollectorRtuBusIntegrationTest {

    private static final Duration PERIOD = Duration.ofMillis(1000);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aDeadSlaveIsBackedOffWhileTheOthersKeepTheirPeriodAndItComesBackWhenRevived() throws Exception {
        Peers.requireSocat();
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant configured = RtuBusPlants.eightMeters(catalog, 38400, TIMEOUT, PERIOD);
        CollectorOptions options = CollectorOptions.defaults()
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2))
                .withHealthPublishPeriod(Duration.ofMillis(200));
        try (PlantSimulator sim = PlantSimulator.start(configured, catalog, SimulatorOptions.ephemeral());
                SampleBus bus = new SampleBus()) {
            Rs485BusEmulator emulator = sim.bus("bus1").orElseThrow();
            emulator.setBehaviour(8, SlaveBehaviour.dead());
            Map<String, Set<java.time.Instant>> goodCycles = new ConcurrentHashMap<>();
            AtomicLong deadGood = new AtomicLong();
            Disposable subscription = bus.stream().filter(Sample::isGood)
                    .filter(s -> !s.point().point().startsWith(HealthPoints.PREFIX))
                    .subscribe(s -> {
                        goodCycles.computeIfAbsent(s.point().device(), k -> ConcurrentHashMap.newKeySet()).add(s.time());
                        if (s.point().device().equals("m8")) {
                            deadGood.incrementAndGet();
                        }
                    });
            try (ModbusCollector collector = new ModbusCollector(TestCatalogues.of(sim.plant(), catalog::require),
                    catalog::require, bus, Clock.systemUTC(), options)) {
                collector.start();
                Thread.sleep(1500);
                emulator.resetStatistics();
                long windowStart = System.nanoTime();
                Map<String, Integer> before = counts(goodCycles);
                Thread.sleep(6000);
                double windowS = (System.nanoTime() - windowStart) / 1e9;
                Map<String, Integer> after = counts(goodCycles);
                long unanswered = emulator.statistics().unanswered();

                for (Meter m : sim.plant().meters()) {
                    if (m.id().equals("m8")) {
                        continue;
                    }
                    int cycles = after.getOrDefault(m.id(), 0) - before.getOrDefault(m.id(), 0);
                    // Each cycle stamps its reads at distinct instants; a meter has one or two reads per cycle.
                    double expectedAtLeast = windowS / (PERIOD.toMillis() / 1000.0) * 0.8;
                    assertTrue(cycles >= expectedAtLeast, m.id() + " answered at " + cycles
                            + " instants in " + windowS + " s, expected at least " + expectedAtLeast);
                    DeviceHealth h = collector.health(m.id()).orElseThrow();
                    assertEquals(DeviceState.ONLINE, h.state(), h.toString());
                    // A shared, loaded test machine may delay one answer past the timeout; the retry covers it.
                    assertTrue(h.successRatio() >= 0.9, h.toString());
                }
                DeviceHealth dead = collector.health("m8").orElseThrow();
                assertEquals(DeviceState.OFFLINE, dead.state(), dead.toString());
                assertTrue(dead.lastError().startsWith("timeout after ") && dead.lastError().contains("unit 8, FC 03 at ")
                        && dead.lastError().contains(" count "), "names the timeout, unit, function, address, count: "
                        + dead.lastError());
                assertNotNull(dead.nextProbeTime(), dead.toString());
                assertEquals(0, deadGood.get(), "a dead slave delivers nothing");
                // Backoff 250 ms doubling to 2 s: after 1.5 s it is probed about every 2 s, so about 3 probes in 6 s
                // (one timeout each), not one timeout per 1 s cycle per poll group as without backoff.
                assertTrue(unanswered >= 2 && unanswered <= 5, unanswered + " unanswered requests in " + windowS + " s");
                Sample deadPoint = bus.latest().get(new PointId("m8", catalog.require("chint/dtsu666").points().get(0).name()));
                assertEquals(Quality.BAD, deadPoint.quality());
                assertTrue(deadPoint.reason().startsWith("timeout after ") && deadPoint.reason().contains("unit 8, FC 03"),
                        deadPoint.reason());
                Sample online = bus.latest().get(new PointId("m8", HealthPoints.ONLINE));
                assertEquals(0.0, online.value(), "comm_online of the dead meter");
                assertEquals(1.0, bus.latest().get(new PointId("m1", HealthPoints.ONLINE)).value());
                assertTrue(bus.latest().get(new PointId("m1", HealthPoints.LATENCY_MS)).value() > 0);

                emulator.setBehaviour(8, SlaveBehaviour.normal());
                await(() -> collector.health("m8").orElseThrow().state() == DeviceState.ONLINE && deadGood.get() > 0,
                        Duration.ofSeconds(6), () -> "m8 back ONLINE with GOOD samples: " + collector.health("m8"));
                assertNotNull(collector.health("m8").orElseThrow().lastGoodTime());
            } finally {
                subscription.dispose();
            }
        }
    }

    private static Map<String, Integer> counts(Map<String, Set<java.time.Instant>> cycles) {
        Map<String, Integer> out = new java.util.HashMap<>();
        cycles.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private static void await(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
