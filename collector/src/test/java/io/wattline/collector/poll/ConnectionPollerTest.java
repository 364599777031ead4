package io.wattline.collector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.health.DeviceHealthTracker;
import io.wattline.core.device.DeviceState;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.plan.RequestPlanner;
import io.wattline.collector.support.TestPlants;
import io.wattline.collector.support.TestProfiles;
import io.wattline.core.plant.Meter;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.RegisterFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bus scheduler's decisions, on an in-memory bus that answers after a fixed turnaround and
 * lets a unit stay silent for a timeout: who is asked when, retries, backoff, probes, lanes.
 * (The links themselves are tested against real peers in the integration tests.)
 */
class ConnectionPollerTest {

    private static final DeviceProfile METER = TestProfiles.testMeter();
    private static final Duration TIMEOUT = Duration.ofMillis(60);

    /** A bus in memory: every register reads 0 after {@code turnaround}; dead units stay silent for the timeout. */
    private static final class MemoryBus implements ModbusLink {
        final Set<Integer> dead = ConcurrentHashMap.newKeySet();
        final List<Integer> asked = new CopyOnWriteArrayList<>();
        final Duration turnaround;
        final java.util.concurrent.atomic.AtomicInteger inFlight;
        final java.util.concurrent.atomic.AtomicInteger maxInFlight;

        MemoryBus(Duration turnaround, java.util.concurrent.atomic.AtomicInteger inFlight,
                java.util.concurrent.atomic.AtomicInteger maxInFlight) {
            this.turnaround = turnaround;
            this.inFlight = inFlight;
            this.maxInFlight = maxInFlight;
        }

        @Override
        public int[] readRegisters(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException {
            return answer(unitId, count);
        }

        @Override
        public int[] readBits(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException {
            return answer(unitId, count);
        }

        private int[] answer(int unitId, int count) throws ModbusReadException {
            asked.add(unitId);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(dead.contains(unitId) ? TIMEOUT.toMillis() : turnaround.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            if (dead.contains(unitId)) {
                throw ModbusReadException.timeout("unit " + unitId, null);
            }
            return new int[count];
        }

        @Override
        public void writeCoil(int unitId, int address, boolean value) {
        }

        @Override
        public void writeRegister(int unitId, int address, int value) {
        }

        @Override
        public void writeRegisters(int unitId, int start, int[] values) {
        }

        @Override
        public String endpoint() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }

    private static List<PollTask> tasks(List<Meter> meters) {
        List<PollTask> tasks = new ArrayList<>();
        for (Meter m : meters) {
            tasks.add(new PollTask(m, "fast", m.pollGroups().get("fast"),
                    RequestPlanner.plan(METER.points().stream().filter(p -> p.pollGroup().equals("fast")).toList(), METER),
                    Duration.ZERO));
        }
        return tasks;
    }

    private static Map<String, DeviceHealthTracker> trackers(List<Meter> meters, Duration initial, Duration max) {
        Map<String, DeviceHealthTracker> out = new LinkedHashMap<>();
        for (Meter m : meters) {
            out.put(m.id(), new DeviceHealthTracker(m.id(), "bus", m.unitId(), Clock.systemUTC(), 100, initial, max));
        }
        return out;
    }

    @Test
    void aDeadUnitIsBackedOffProbedAndBroughtBackWhileTheOthersKeepTheirPace() throws Exception {
        List<Meter> meters = new ArrayList<>();
        for (int unit = 1; unit <= 4; unit++) {
            meters.add(TestPlants.meter("m" + unit, METER.id(), "bus", unit, Map.of("fast", Duration.ofMillis(50))));
        }
        var inFlight = new java.util.concurrent.atomic.AtomicInteger();
        var maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        MemoryBus link = new MemoryBus(Duration.ofMillis(2), inFlight, maxInFlight);
        link.dead.add(4);
        Map<String, DeviceHealthTracker> health = trackers(meters, Duration.ofMillis(200), Duration.ofMillis(800));
        try (SampleBus bus = new SampleBus();
                ConnectionPoller poller = new ConnectionPoller("bus", List.of(link), tasks(meters), health, bus,
                        Clock.systemUTC(), 1)) {
            poller.start();
            Thread.sleep(3000);
            long deadAsks = link.asked.stream().filter(u -> u == 4).count();
            long liveAsks = link.asked.stream().filter(u -> u == 1).count();
            assertEquals(DeviceState.OFFLINE, health.get("m4").snapshot().state());
            assertTrue(health.get("m4").snapshot().lastError().startsWith("timeout: no answer from unit 4, FC 03 at "),
                    health.get("m4").snapshot().lastError());
            // Backoff 200, 400, 800, 800 ms...: 2 tries at first, then one probe per backoff.
            assertTrue(deadAsks >= 3 && deadAsks <= 7, "dead unit asked " + deadAsks + " times in 3 s");
            assertTrue(liveAsks >= 30, "live unit asked " + liveAsks + " times in 3 s at a 50 ms period");
            assertEquals(DeviceState.ONLINE, health.get("m1").snapshot().state());
            assertEquals(1, maxInFlight.get(), "one request at a time on one lane");

            link.dead.remove(4);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (health.get("m4").snapshot().state() == DeviceState.OFFLINE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(health.get("m4").snapshot().state() != DeviceState.OFFLINE, "revived unit answers again");
            assertTrue(health.get("m4").snapshot().lastGoodTime() != null);
        }
    }

    @Test
    void aGatewayWithConcurrencyTwoHasTwoRequestsInFlightAndEachMeterInOneLane() throws Exception {
        List<Meter> meters = new ArrayList<>();
        for (int unit = 1; unit <= 4; unit++) {
            meters.add(TestPlants.meter("m" + unit, METER.id(), "gw", unit, Map.of("fast", Duration.ofMillis(5))));
        }
        var inFlight = new java.util.concurrent.atomic.AtomicInteger();
        var maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        MemoryBus lane0 = new MemoryBus(Duration.ofMillis(5), inFlight, maxInFlight);
        MemoryBus lane1 = new MemoryBus(Duration.ofMillis(5), inFlight, maxInFlight);
        Map<String, DeviceHealthTracker> health = trackers(meters, Duration.ofMillis(200), Duration.ofMillis(800));
        try (SampleBus bus = new SampleBus();
                ConnectionPoller poller = new ConnectionPoller("gw", List.of(lane0, lane1), tasks(meters), health, bus,
                        Clock.systemUTC(), 1)) {
            assertEquals(2, poller.concurrency());
            poller.start();
            Thread.sleep(500);
        }
        assertEquals(2, maxInFlight.get(), "two lanes, two requests at once, never more");
        assertEquals(Set.of(1, 3), Set.copyOf(lane0.asked), "meters are dealt to lanes in turn");
        assertEquals(Set.of(2, 4), Set.copyOf(lane1.asked));
    }
}
