package io.wattline.collector;

import io.wattline.core.device.DeviceHealth;
import io.wattline.collector.health.DeviceHealthTracker;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.PointInfo;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.live.StaleValueMarker;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.link.ModbusRtuSerialLink;
import io.wattline.collector.modbus.link.ModbusTcpLink;
import io.wattline.collector.plan.RequestPlanner;
import io.wattline.collector.poll.ConnectionPoller;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every Modbus meter of a plant and publishes its samples and its communication health on a
 * {@link SampleBus}: one bus scheduler per connection, reads planned per profile, values decoded
 * per profile, stamped with the given clock. Meters on {@code opc-ua} connections are left to
 * {@code opcua.OpcUaCollector}. Configuration errors fail in the constructor.
 */
public final class Collector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    /** Period for a poll group the profile uses but the meter gives no period for. */
    static final Duration DEFAULT_POLL_PERIOD = Duration.ofSeconds(60);

    private final SampleBus bus;
    private final Clock clock;
    private final CollectorOptions options;
    private final Map<String, DeviceHealthTracker> health = new LinkedHashMap<>();
    private final List<PointInfo> points = new ArrayList<>();
    private final Map<Connection, List<PollTask>> tasksByConnection = new LinkedHashMap<>();
    private final List<ConnectionPoller> pollers = new ArrayList<>();
    private final Map<String, String> unsupported = new LinkedHashMap<>();
    private ScheduledExecutorService staleMarker;
    private boolean started;
    private boolean closed;

    /**
     * A collector with {@link CollectorOptions#defaults()} that reaches Modbus TCP, RTU-over-TCP
     * and RTU serial connections through j2mod.
     */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock) {
        this(plant, profiles, bus, clock, CollectorOptions.defaults());
    }

    /** A collector with the given options and the j2mod links. */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock,
            CollectorOptions options) {
        this(plant, profiles, bus, clock, options, defaultLinks(options));
    }

    /** A collector with default options and the given links. */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock,
            Function<Connection, ModbusLink> links) {
        this(plant, profiles, bus, clock, CollectorOptions.defaults(), links);
    }

    /**
     * @param links makes a link for a connection; called once per lane (the connection's
     *              concurrency, always 1 on a serial bus) for each connection that has meters, in
     *              this constructor, and must not block (links connect on their first request). It
     *              throws {@link UnsupportedOperationException} for a transport it cannot serve:
     *              that connection's points then report BAD and its meters DISABLED.
     */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock,
            CollectorOptions options, Function<Connection, ModbusLink> links) {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(profiles, "profiles");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(links, "links");
        for (Connection c : plant.connections()) {
            tasksByConnection.put(c, new ArrayList<>());
        }
        Map<String, Meter> byId = new LinkedHashMap<>();
        Map<String, Meter> byUnit = new LinkedHashMap<>();
        for (Meter meter : plant.meters()) {
            Meter same = byId.putIfAbsent(meter.id(), meter);
            if (same != null) {
                throw new IllegalArgumentException("meter id '" + meter.id() + "' is configured twice");
            }
            if (plant.connection(meter.connectionId()).map(c -> c.type() == ConnectionType.OPC_UA).orElse(false)) {
                continue; // no unit ids on OPC UA
            }
            Meter sameUnit = byUnit.putIfAbsent(meter.connectionId() + "#" + meter.unitId(), meter);
            if (sameUnit != null) {
                throw new IllegalArgumentException("meters " + sameUnit.id() + " and " + meter.id()
                        + " both use unit id " + meter.unitId() + " on connection " + meter.connectionId());
            }
        }
        for (Meter meter : plant.meters()) {
            Connection connection = plant.connection(meter.connectionId()).orElseThrow(() ->
                    new IllegalArgumentException("meter " + meter.id() + ": connection '"
                            + meter.connectionId() + "' is not configured"));
            if (connection.type() == ConnectionType.OPC_UA) {
                // OpcUaCollector serves these meters (their profiles are OPC UA profiles, not register maps).
                continue;
            }
            DeviceProfile profile = profileOf(meter, profiles);
            checkReservedNames(meter, profile);
            tasksByConnection.get(connection).addAll(plan(meter, profile));
            health.put(meter.id(), new DeviceHealthTracker(meter.id(), connection.id(), meter.unitId(), clock,
                    options.healthWindow(), options.initialBackoff(), options.maxBackoff()));
        }
        for (Map.Entry<Connection, List<PollTask>> e : tasksByConnection.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Connection c = e.getKey();
            Map<String, DeviceHealthTracker> trackers = new LinkedHashMap<>();
            e.getValue().forEach(t -> trackers.put(t.meter().id(), health.get(t.meter().id())));
            List<ModbusLink> lanes = new ArrayList<>();
            try {
                for (int i = 0; i < lanesOf(c); i++) {
                    lanes.add(links.apply(c));
                }
                pollers.add(new ConnectionPoller(c.id(), lanes, e.getValue(), trackers, bus, clock, options.retries()));
            } catch (UnsupportedOperationException ex) {
                lanes.forEach(ModbusLink::close);
                // The connection stays visible: its points show BAD with the reason instead of vanishing.
                unsupported.put(c.id(), ex.getMessage());
                trackers.values().forEach(t -> t.disable(ex.getMessage()));
            }
        }
    }

    /** One request at a time on a serial bus; as many as configured on a TCP gateway. */
    private static int lanesOf(Connection c) {
        if (c.type() == ConnectionType.MODBUS_RTU || c.type() == ConnectionType.MODBUS_RTU_OVER_TCP) {
            // RTU over TCP ends on one RS-485 line behind the gateway: parallel requests would collide there.
            return 1;
        }
        return Math.max(1, c.concurrency());
    }

    /** Health points live under the meter id too: a profile point with their prefix would clash. */
    private static void checkReservedNames(Meter meter, DeviceProfile profile) {
        for (PointDefinition p : profile.points()) {
            if (p.name().startsWith(HealthPoints.PREFIX)) {
                throw new IllegalArgumentException("meter " + meter.id() + ": profile " + profile.id()
                        + " point '" + p.name() + "' uses the prefix '" + HealthPoints.PREFIX
                        + "' reserved for communication health points " + HealthPoints.NAMES);
            }
        }
    }

    private static DeviceProfile profileOf(Meter meter, Function<String, DeviceProfile> profiles) {
        DeviceProfile profile;
        try {
            profile = profiles.apply(meter.profile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("meter " + meter.id() + ": profile '" + meter.profile()
                    + "' cannot be loaded: " + e.getMessage(), e);
        }
        if (profile == null) {
            throw new IllegalArgumentException("meter " + meter.id() + ": unknown profile '"
                    + meter.profile() + "'");
        }
        return profile;
    }

    private List<PollTask> plan(Meter meter, DeviceProfile profile) {
        Map<String, List<PointDefinition>> byGroup = new LinkedHashMap<>();
        for (PointDefinition p : profile.points()) {
            byGroup.computeIfAbsent(p.pollGroup(), g -> new ArrayList<>()).add(p);
        }
        List<PollTask> tasks = new ArrayList<>();
        for (Map.Entry<String, List<PointDefinition>> e : byGroup.entrySet()) {
            Duration period = periodOf(meter, profile, e.getKey());
            for (PointDefinition p : e.getValue()) {
                points.add(new PointInfo(new PointId(meter.id(), p.name()), meter.id(), meter.name(),
                        p.quantity(), p.unit(), meter.carrier(), period));
            }
            Duration pause = profile.quirks() == null ? Duration.ZERO : profile.quirks().pauseBetweenRequests();
            tasks.add(new PollTask(meter, e.getKey(), period,
                    RequestPlanner.plan(e.getValue(), profile, options.strategy()), pause));
        }
        return tasks;
    }

    /** The meter's period for the group, else the profile's default for it, else the meter's slowest. */
    private static Duration periodOf(Meter meter, DeviceProfile profile, String group) {
        Duration period = meter.pollGroups().get(group);
        if (period != null) {
            return period;
        }
        Optional<Duration> byProfile = profile.pollPeriod(group);
        if (byProfile.isPresent()) {
            return byProfile.get();
        }
        // A group the meter does not mention is polled at the meter's slowest declared pace.
        Duration fallback = meter.pollGroups().values().stream().max(Comparator.naturalOrder())
                .orElse(DEFAULT_POLL_PERIOD);
        log.info("meter {}: no period for poll group '{}' of profile {}; polling it every {}",
                meter.id(), group, meter.profile(), fallback);
        return fallback;
    }

    /** The j2mod links by connection type; OPC UA is not served by this collector. */
    public static Function<Connection, ModbusLink> defaultLinks(CollectorOptions options) {
        return c -> {
            Duration timeout = c.timeout() == null ? Duration.ofSeconds(1) : c.timeout();
            return switch (c.type()) {
                case MODBUS_TCP -> new ModbusTcpLink(c.host(), c.port(), timeout);
                case MODBUS_RTU_OVER_TCP -> ModbusTcpLink.rtuOverTcp(c.host(), c.port(), timeout);
                case MODBUS_RTU -> new ModbusRtuSerialLink(c.serialDevice(), c.baudRate() == 0 ? 9600 : c.baudRate(),
                        c.parity(), c.stopBits(), timeout, options.interFrameDelay());
                case OPC_UA -> throw new UnsupportedOperationException("connection " + c.id()
                        + ": type " + c.type().configName() + " is not supported by this collector yet"
                        + " (modbus-tcp, modbus-rtu and modbus-rtu-over-tcp are)");
            };
        };
    }

    /** Starts one poller per connection and the stale-value marker. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        unsupported.forEach((connectionId, reason) -> {
            log.warn(reason);
            publishUnsupported(tasksByConnection.entrySet().stream()
                    .filter(e -> e.getKey().id().equals(connectionId))
                    .flatMap(e -> e.getValue().stream()).toList(), reason);
        });
        pollers.forEach(ConnectionPoller::start);
        staleMarker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stale-and-health");
            t.setDaemon(true);
            return t;
        });
        staleMarker.scheduleWithFixedDelay(new StaleValueMarker(bus, points, clock), 1, 1, TimeUnit.SECONDS);
        long healthMillis = options.healthPublishPeriod().toMillis();
        staleMarker.scheduleWithFixedDelay(new HealthPoints(bus, List.copyOf(health.values()), clock),
                healthMillis, Math.max(1, healthMillis), TimeUnit.MILLISECONDS);
        log.info("collector started: {} point(s) on {} connection(s)", points.size(), pollers.size());
    }

    private void publishUnsupported(List<PollTask> tasks, String reason) {
        for (PollTask task : tasks) {
            task.requests().forEach(r -> r.points().forEach(p ->
                    bus.publish(Sample.bad(new PointId(task.meter().id(), p.name()), clock.instant(), reason))));
        }
    }

    /** Every configured point, in plant order (meters as configured, points as in their profile). */
    public List<PointInfo> points() {
        return List.copyOf(points);
    }

    /** The poll tasks per connection id, as planned (for health pages and tests). */
    public Map<String, List<PollTask>> tasks() {
        Map<String, List<PollTask>> out = new LinkedHashMap<>();
        tasksByConnection.forEach((c, t) -> out.put(c.id(), List.copyOf(t)));
        return out;
    }

    /** Communication health of every meter, in plant order. */
    public List<DeviceHealth> health() {
        return health.values().stream().map(DeviceHealthTracker::snapshot).toList();
    }

    /** Health of one meter, if it is configured. */
    public Optional<DeviceHealth> health(String meterId) {
        return Optional.ofNullable(health.get(meterId)).map(DeviceHealthTracker::snapshot);
    }

    /** The options this collector runs with. */
    public CollectorOptions options() {
        return options;
    }

    public SampleBus bus() {
        return bus;
    }

    /**
     * Stops all pollers and closes their links, waiting at most about one request timeout; the
     * bus stays open for its owner to close.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (staleMarker != null) {
            staleMarker.shutdownNow();
        }
        // Signal every poller first, so their in-flight timeouts elapse together, not one after another.
        pollers.forEach(ConnectionPoller::stop);
        pollers.forEach(ConnectionPoller::close);
        log.info("collector stopped");
    }
}
