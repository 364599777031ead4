package io.wattline.collector;

import static io.wattline.collector.support.TestPlants.meter;
import static io.wattline.collector.support.TestPlants.plant;
import static io.wattline.collector.support.TestPlants.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.plan.PlanStrategy;
import io.wattline.collector.poll.PollTask;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestProfiles;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.PollingOptions;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the Modbus collector derives from the catalogue and configuration, before any socket is opened. */
class ModbusCollectorTest {

    private static final DeviceProfile METER = TestProfiles.testMeter();
    private static final Function<String, DeviceProfile> PROFILES = id -> id.equals(METER.id()) ? METER : null;
    private static final Map<String, Duration> POLL = Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15));

    private static PointCatalogue catalogue(Plant plant) {
        return TestCatalogues.of(plant, PROFILES);
    }

    @Test
    void readsEveryCataloguedPointOfItsMetersAtTheCataloguesPeriod() {
        PointCatalogue catalogue = catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                List.of(meter("m1", METER.id(), "gw", 1, POLL))));
        try (SampleBus bus = new SampleBus();
                ModbusCollector c = new ModbusCollector(catalogue, PROFILES, bus, Clock.systemUTC())) {
            assertEquals(catalogue.measured().stream().map(CataloguedPoint::id).toList(), c.points());
            assertEquals(METER.points().size(), c.points().size());
            assertEquals(List.of("m1"), c.devices());
            assertEquals("modbus", c.protocol());
            CataloguedPoint power = catalogue.find(new PointId("m1", "active_power")).orElseThrow();
            assertEquals(List.of("m1", "Meter m1", Quantity.ACTIVE_POWER, "kW", EnergyCarrier.ELECTRICITY,
                    Duration.ofSeconds(1)), List.of(power.meterId(), power.meterName(), power.quantity(), power.unit(),
                    power.carrier(), power.period()));
            Map<String, Duration> periods = new java.util.TreeMap<>();
            c.tasks().get("gw").forEach(t -> periods.put(t.group(), t.period()));
            assertEquals(Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15)), periods);
            assertEquals(Duration.ofSeconds(15),
                    catalogue.find(new PointId("m1", "active_energy_import")).orElseThrow().period());
        }
    }

    @Test
    void plansOneTaskPerPollGroupWithCoalescedReads() {
        try (SampleBus bus = new SampleBus();
                ModbusCollector c = new ModbusCollector(catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, POLL)))), PROFILES, bus, Clock.systemUTC())) {
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
                ModbusCollector c = new ModbusCollector(catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, Map.of("fast", Duration.ofSeconds(2)))))),
                        PROFILES, bus, Clock.systemUTC())) {
            // "frequency" is in the slow group
            assertEquals(Duration.ofSeconds(2), c.tasks().get("gw").stream().filter(t -> t.group().equals("slow"))
                    .findFirst().orElseThrow().period());
        }
    }

    @Test
    void anUnknownProfileStopsConstructionNamingTheMeter() {
        Plant p = plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))), List.of(meter("m1", "acme/x", "gw", 1, POLL)));
        // A catalogue without profile points (health points only), as if built from other profiles.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModbusCollector(
                PointCatalogue.build(p, Map.of()), PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meter m1: unknown profile 'acme/x'", e.getMessage());
    }

    @Test
    void anUnknownConnectionStopsConstructionNamingTheMeter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModbusCollector(
                catalogue(plant(List.of(), List.of(meter("m1", METER.id(), "gw-x", 1, POLL)))),
                PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meter m1: connection 'gw-x' is not configured", e.getMessage());
    }

    @Test
    void twoMetersOnOneUnitIdOfOneConnectionAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModbusCollector(
                catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 4, POLL), meter("m2", METER.id(), "gw", 4, POLL)))),
                PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("meters m1 and m2 both use unit id 4 on connection gw", e.getMessage());
    }

    @Test
    void aConnectionTheLinksCannotServeReportsBadWithTheReasonAndItsMeterIsDisabled() {
        Function<Connection, io.wattline.collector.modbus.ModbusLink> noLinks = c -> {
            throw new UnsupportedOperationException("connection " + c.id() + ": no driver for this gateway");
        };
        try (SampleBus bus = new SampleBus();
                ModbusCollector c = new ModbusCollector(catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("m1", METER.id(), "gw", 1, POLL)))), PROFILES, bus, Clock.systemUTC(), noLinks)) {
            List<DeviceHealth> heard = new ArrayList<>();
            c.addHealthListener(heard::add);
            assertEquals(List.of(DeviceState.DISABLED), heard.stream().map(DeviceHealth::state).toList(),
                    "a new listener hears the current health at once");
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
        try (ModbusCollector c = new ModbusCollector(catalogue(plant(List.of(opcUa, tcp("gw", 1502, Duration.ofSeconds(1))),
                        List.of(meter("plc-a", "wattline/line-plc", "plc1", 0, POLL),
                                meter("plc-b", "wattline/line-plc", "plc1", 0, POLL),
                                meter("m1", METER.id(), "gw", 1, POLL)))),
                PROFILES, new SampleBus(), Clock.systemUTC())) {
            assertEquals(List.of("m1"), c.health().stream().map(DeviceHealth::meterId).toList());
            assertEquals(List.of("m1"), c.devices());
            assertTrue(c.points().stream().allMatch(p -> p.device().equals("m1")));
            assertEquals(List.of(), c.tasks().get("plc1"));
        }
    }

    @Test
    void aProfilePointNamedLikeAHealthPointIsRejected() {
        DeviceProfile clash = TestProfiles.profile("test/clash",
                List.of(TestProfiles.point("comm_online", RegisterFunction.HOLDING, 0, DataType.UINT16)),
                List.of(), Quirks.none());
        Plant p = plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))), List.of(meter("m1", "test/clash", "gw", 1, POLL)));
        IllegalArgumentException inCatalogue = assertThrows(IllegalArgumentException.class,
                () -> TestCatalogues.of(p, id -> clash));
        assertTrue(inCatalogue.getMessage().startsWith("meter m1: profile test/clash point 'comm_online' uses the prefix"),
                inCatalogue.getMessage());
        // A catalogue built without that profile: the collector still refuses the clash on its own.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModbusCollector(
                PointCatalogue.build(p, Map.of()), id -> clash, new SampleBus(), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("meter m1: profile test/clash point 'comm_online' uses the prefix 'comm_'"),
                e.getMessage());
    }

    @Test
    void aGroupTheMeterGivesNoPeriodForTakesTheProfilesDefault() {
        DeviceProfile withGroups = new DeviceProfile(METER.id(), METER.vendor(), METER.model(), METER.description(),
                METER.schemaVersion(), METER.addressBase(), METER.points(), METER.readable(), METER.quirks(),
                METER.sources(), Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15)));
        Plant p = plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                List.of(meter("m1", METER.id(), "gw", 1, Map.of("fast", Duration.ofMillis(250)))));
        ModbusCollector c = new ModbusCollector(TestCatalogues.of(p, id -> withGroups), id -> withGroups,
                new SampleBus(), Clock.systemUTC());
        Map<String, Duration> periods = new java.util.TreeMap<>();
        c.tasks().get("gw").forEach(t -> periods.put(t.group(), t.period()));
        assertEquals(Map.of("fast", Duration.ofMillis(250), "slow", Duration.ofSeconds(15)), periods,
                "the meter's own period wins; the profile's default fills the gap");
        c.close();
    }

    @Test
    void theStrategyOfTheOptionsShapesThePlan() {
        PointCatalogue p = catalogue(plant(List.of(tcp("gw", 1502, Duration.ofSeconds(1))),
                List.of(meter("m1", METER.id(), "gw", 1, POLL))));
        int perPoint = new ModbusCollector(p, PROFILES, new SampleBus(), Clock.systemUTC(),
                CollectorOptions.defaults().withStrategy(PlanStrategy.none())).tasks().get("gw").stream()
                .mapToInt(t -> t.requests().size()).sum();
        int joined = new ModbusCollector(p, PROFILES, new SampleBus(), Clock.systemUTC()).tasks().get("gw").stream()
                .mapToInt(t -> t.requests().size()).sum();
        assertEquals(METER.points().size(), perPoint, "none: one read per point");
        assertEquals(3, joined, "default max_insert(10): holding 0..10, input 0..4 and coil 0, one read each");
    }

    @Test
    void eachConnectionRunsWithItsOwnPollingOptionsOverTheCollectorsDefaults() {
        Connection own = tcp("gw-own", 1502, Duration.ofSeconds(1)).withPolling(
                new PollingOptions("none", 0, Duration.ofSeconds(5), Duration.ofMinutes(5), null));
        PointCatalogue p = catalogue(plant(List.of(own, tcp("gw-default", 1503, Duration.ofSeconds(1))),
                List.of(meter("m1", METER.id(), "gw-own", 1, POLL), meter("m2", METER.id(), "gw-default", 1, POLL))));
        try (ModbusCollector c = new ModbusCollector(p, PROFILES, new SampleBus(), Clock.systemUTC())) {
            CollectorOptions mine = c.options("gw-own").orElseThrow();
            assertEquals(List.of(PlanStrategy.none(), 0, Duration.ofSeconds(5), Duration.ofMinutes(5)),
                    List.of(mine.strategy(), mine.retries(), mine.initialBackoff(), mine.maxBackoff()));
            assertEquals(CollectorOptions.defaults(), c.options("gw-default").orElseThrow());
            assertEquals(METER.points().size(), reads(c, "gw-own"), "none: one read per point");
            assertEquals(3, reads(c, "gw-default"), "default max_insert(10)");
        }
    }

    @Test
    void aConnectionWithAnUnknownStrategyStopsConstructionNamingTheConnection() {
        Connection own = tcp("gw", 1502, Duration.ofSeconds(1))
                .withPolling(new PollingOptions("max_inserts(3)", null, null, null, null));
        PointCatalogue p = catalogue(plant(List.of(own), List.of(meter("m1", METER.id(), "gw", 1, POLL))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusCollector(p, PROFILES, new SampleBus(), Clock.systemUTC()));
        assertEquals("connection gw: request strategy 'max_inserts(3)': expected none, shrink or max_insert(n)"
                + " with n registers", e.getMessage());
    }

    private static int reads(ModbusCollector c, String connectionId) {
        return c.tasks().get(connectionId).stream().mapToInt(t -> t.requests().size()).sum();
    }
}
