package io.wattline.collector;

import static io.wattline.collector.support.TestPlants.meter;
import static io.wattline.collector.support.TestPlants.plant;
import static io.wattline.collector.support.TestPlants.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.collector.live.PointInfo;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.plan.PlanStrategy;
import io.wattline.collector.poll.PollTask;
import io.wattline.collector.support.TestProfiles;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the collector derives from configuration, before any socket is opened. */
class CollectorTest {

    private static final DeviceProfile METER = TestProfiles.testMeter();
    private static final Function<String, DeviceProfile> PROFILES = id -> id.equals(METER.id()) ? METER : null;
    private static final Map<String, Duration> POLL = Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15));

    @Test
    void describesEveryConfiguredPointWithItsPollPeriod() {
        try (SampleBus bus = new SampleBus();
                Collector c = new Collector(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, POLL))), PROFILES, bus, Clock.systemUTC())) {
            List<PointInfo> points = c.points();
            assertEquals(METER.points().size(), points.size());
            PointInfo power = points.stream().filter(p -> p.id().equals(new PointId("m1", "active_power")))
                    .findFirst().orElseThrow();
            assertEquals(new PointInfo(new PointId("m1", "active_power"), "m1", "Meter m1", Quantity.ACTIVE_POWER,
                    "kW", EnergyCarrier.ELECTRICITY, Duration.ofSeconds(1)), power);
            PointInfo energy = points.stream().filter(p -> p.id().point().equals("active_energy_import"))
                    .findFirst().orElseThrow();
            assertEquals(Duration.ofSeconds(15), energy.pollPeriod());
        }
    }

    @Test
    void plansOneTaskPerPollGroupWithCoalescedReads() {
        try (SampleBus bus = new SampleBus();
                Collector c = new Collector(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, POLL))), PROFILES, bus, Clock.systemUTC())) {
            List<PollTask> tasks = c.tasks().get("gw");
            assertEquals(List.of("fast", "slow"), tasks.stream().map(PollTask::group).sorted().toList());
            PollTask fast = tasks.stream().filter(t -> t.group().equals("fast")).findFirst().orElseThrow();
            // holding 0..10 with readable gaps at 4-5 and 8-9: one read of 11 registers
            assertEquals(1, fast.requests().size());
            assertEquals(11, fast.requests().get(0).count());
        }
    }

    @Test
    void aGroupTheMeterGivesNoPeriodForIsPolledAtItsSlowestPace() {
        try (SampleBus bus = new SampleBus();
                Collector c = new Collector(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, Map.of("fast", Duration.ofSeconds(2))))),
                        PROFILES, bus, Clock.systemUTC())) {
            assertEquals(Duration.ofSeconds(2), c.points().stream()
                    .filter(p -> p.id().point().equals("frequency")).findFirst().orElseThrow().pollPeriod());
        }
    }

    @Test
    void anUnknownProfileStopsConstructionNamingTheMeter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Collector(
                plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))), List.of(meter("m1", "acme/x", "gw", 1, POLL))),
                PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meter m1: unknown profile 'acme/x'", e.getMessage());
    }

    @Test
    void anUnknownConnectionStopsConstructionNamingTheMeter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Collector(
                plant(List.of(), List.of(meter("m1", METER.id(), "gw-x", 1, POLL))),
                PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meter m1: connection 'gw-x' is not configured", e.getMessage());
    }

    @Test
    void twoMetersOnOneUnitIdOfOneConnectionAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Collector(
                plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 4, POLL), meter("m2", METER.id(), "gw", 4, POLL))),
                PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meters m1 and m2 both use unit id 4 on connection gw", e.getMessage());
    }

    @Test
    void aConnectionTheLinksCannotServeReportsBadWithTheReasonAndItsMeterIsDisabled() {
        Function<Connection, io.wattline.collector.modbus.ModbusLink> noLinks = c -> {
            throw new UnsupportedOperationException("connection " + c.id() + ": no driver for this gateway");
        };
        try (SampleBus bus = new SampleBus();
                Collector c = new Collector(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, POLL))), PROFILES, bus, Clock.systemUTC(), noLinks)) {
            c.start();
            assertEquals(METER.points().size(), bus.latest().size());
            for (Sample s : bus.latest().values()) {
                assertEquals(Quality.BAD, s.quality());
                assertEquals("connection gw: no driver for this gateway", s.reason());
            }
            DeviceHealth h = c.health("m1").orElseThrow();
            assertEquals(DeviceState.DISABLED, h.state());
            assertEquals("connection gw: no driver for this gateway", h.lastError());
            assertEquals("gw", h.connectionId());
        }
    }

    @Test
    void metersOnOpcUaConnectionsAreLeftToTheOpcUaCollector() {
        Connection opcUa = new Connection("plc1", ConnectionType.OPC_UA, "127.0.0.1", 4840, null, 0, null, 0,
                Duration.ofSeconds(1), 1);
        // OPC UA profiles are not register maps (PROFILES does not know them), and there are no unit ids.
        try (Collector c = new Collector(plant(List.of(opcUa, tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("plc-a", "wattline/line-plc", "plc1", 0, POLL),
                                meter("plc-b", "wattline/line-plc", "plc1", 0, POLL),
                                meter("m1", METER.id(), "gw", 1, POLL))),
                PROFILES, new SampleBus(), Clock.systemUTC())) {
            assertEquals(List.of("m1"), c.health().stream().map(DeviceHealth::meterId).toList());
            assertTrue(c.points().stream().allMatch(p -> p.meterId().equals("m1")));
            assertEquals(List.of(), c.tasks().get("plc1"));
        }
    }

    @Test
    void aProfilePointNamedLikeAHealthPointIsRejected() {
        DeviceProfile clash = TestProfiles.profile("test/clash",
                List.of(TestProfiles.point("comm_online", RegisterFunction.HOLDING, 0, DataType.UINT16)),
                List.of(), Quirks.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Collector(
                plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))), List.of(meter("m1", "test/clash", "gw", 1, POLL))),
                id -> clash, new SampleBus(), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("meter m1: profile test/clash point 'comm_online' uses the prefix 'comm_'"),
                e.getMessage());
    }

    @Test
    void aGroupTheMeterGivesNoPeriodForTakesTheProfilesDefault() {
        DeviceProfile withGroups = new DeviceProfile(METER.id(), METER.vendor(), METER.model(), METER.description(),
                METER.schemaVersion(), METER.addressBase(), METER.points(), METER.readable(), METER.quirks(),
                METER.sources(), Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15)));
        Collector c = new Collector(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                List.of(meter("m1", METER.id(), "gw", 1, Map.of("fast", Duration.ofMillis(250))))),
                id -> withGroups, new SampleBus(), Clock.systemUTC());
        Map<String, Duration> periods = new java.util.TreeMap<>();
        c.tasks().get("gw").forEach(t -> periods.put(t.group(), t.period()));
        assertEquals(Map.of("fast", Duration.ofMillis(250), "slow", Duration.ofSeconds(15)), periods,
                "the meter's own period wins; the profile's default fills the gap");
        c.close();
    }

    @Test
    void theStrategyOfTheOptionsShapesThePlan() {
        Plant p = plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))), List.of(meter("m1", METER.id(), "gw", 1, POLL)));
        int perPoint = new Collector(p, PROFILES, new SampleBus(), Clock.systemUTC(),
                CollectorOptions.defaults().withStrategy(PlanStrategy.none())).tasks().get("gw").stream()
                .mapToInt(t -> t.requests().size()).sum();
        int joined = new Collector(p, PROFILES, new SampleBus(), Clock.systemUTC()).tasks().get("gw").stream()
                .mapToInt(t -> t.requests().size()).sum();
        assertEquals(METER.points().size(), perPoint, "none: one read per point");
        assertEquals(3, joined, "default max_insert(10): holding 0..10, input 0..4 and coil 0, one read each");
    }
}
