package io.wattline.collector;

import io.wattline.collector.health.DeviceHealthTracker;
import io.wattline.collector.health.HealthListeners;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.live.StaleValueMarker;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.link.ModbusRtuSerialLink;
import io.wattline.collector.modbus.link.ModbusTcpLink;
import io.wattline.collector.plan.LearnedPlanStore;
import io.wattline.collector.plan.MeterPlan;
import io.wattline.collector.poll.ConnectionPoller;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.device.LearnedReadPlan;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every Modbus meter of a plant and publishes its samples and its communication health on a
 * {@link SampleBus}: one bus scheduler per connection, with that connection's own polling options
 * over the collector's; reads planned per profile, periods as the {@link PointCatalogue} gives
 * them, values decoded per profile, stamped with the given clock. A read a device refuses with
 * exception 02/03 is healed: the device's plan learns what it refuses (kept under
 * {@link CollectorOptions#learnedPlanDirectory()}) and reads around it. Meters on {@code opc-ua}
 * connections are left to {@code opcua.OpcUaCollector}. Configuration errors fail in the constructor.
 */
public final class ModbusCollector implements DeviceCollector {

    private static final Logger log = LoggerFactory.getLogger(ModbusCollector.class);

    private final SampleBus bus;
    private final Clock clock;
    private final CollectorOptions options;
    private final Map<String, CollectorOptions> optionsByConnection = new LinkedHashMap<>();
    private final Map<String, DeviceHealthTracker> health = new LinkedHashMap<>();
    private final Map<String, MeterPlan> plans = new LinkedHashMap<>();
    private final HealthListeners listeners = new HealthListeners();
    private final List<CataloguedPoint> points = new ArrayList<>();
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
    public ModbusCollector(PointCatalogue catalogue, Function<String, DeviceProfile> profiles, SampleBus bus,
            Clock clock) {
        this(catalogue, profiles, bus, clock, CollectorOptions.defaults());
    }

    /** A collector with the given options and the j2mod links. */
    public ModbusCollector(PointCatalogue catalogue, Function<String, DeviceProfile> profiles, SampleBus bus,
            Clock clock, CollectorOptions options) {
        this(catalogue, profiles, bus, clock, options, defaultLinks(options));
    }

    /** A collector with default options and the given links. */
    public ModbusCollector(PointCatalogue catalogue, Function<String, DeviceProfile> profiles, SampleBus bus,
            Clock clock, Function<Connection, ModbusLink> links) {
        this(catalogue, profiles, bus, clock, CollectorOptions.defaults(), links);
    }

    /**
     * @param catalogue what the points are and how often each is read (built from the same plant and profiles)
     * @param profiles  the register map of a profile id, for planning and decoding the reads
     * @param options   defaults for every connection; a connection's {@link Connection#polling()} overrides them
     * @param links     makes a link for a connection; called once per lane (the connection's
     *                  concurrency, always 1 on a serial bus) for each connection that has meters, in
     *                  this constructor, and must not block (links connect on their first request). It
     *                  throws {@link UnsupportedOperationException} for a transport it cannot serve:
     *                  that connection's points then report BAD and its meters DISABLED.
     */
    public ModbusCollector(PointCatalogue catalogue, Function<String, DeviceProfile> profiles, SampleBus bus,
            Clock clock, CollectorOptions options, Function<Connection, ModbusLink> links) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(profiles, "profiles");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(links, "links");
        Plant plant = catalogue.plant();
        checkIds(plant);
        for (Connection c : plant.connections()) {
            tasksByConnection.put(c, new ArrayList<>());
        }
        ModbusTaskPlanner planner = new ModbusTaskPlanner(catalogue, profiles, options.learnedPlanDirectory() == null
                ? null : new LearnedPlanStore(options.learnedPlanDirectory()));
        for (Meter meter : plant.meters()) {
            Connection connection = plant.connection(meter.connectionId()).orElseThrow(() ->
                    new IllegalArgumentException("meter " + meter.id() + ": connection '"
                            + meter.connectionId() + "' is not configured"));
            if (connection.type() == ConnectionType.OPC_UA) {
                // OpcUaCollector serves these meters (their profiles are OPC UA profiles, not register maps).
                continue;
            }
            CollectorOptions own = optionsOf(connection);
            ModbusTaskPlanner.Planned planned = planner.plan(meter, own.strategy());
            tasksByConnection.get(connection).addAll(planned.tasks());
            points.addAll(planned.points());
            DeviceHealthTracker tracker = new DeviceHealthTracker(meter.id(), connection.id(), meter.unitId(), clock,
                    own.healthWindow(), own.initialBackoff(), own.maxBackoff(), listeners);
            tracker.refusedPoints(planned.plan().refusedCount(), planned.plan().pointCount());
            health.put(meter.id(), tracker);
            plans.put(meter.id(), planned.plan());
        }
        for (Map.Entry<Connection, List<PollTask>> e : tasksByConnection.entrySet()) {
            if (!e.getValue().isEmpty()) {
                startPoller(e.getKey(), e.getValue(), links);
            }
        }
    }

    /** Meter ids are unique, and so is each unit id on one Modbus connection. */
    private static void checkIds(Plant plant) {
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
    }

    private CollectorOptions optionsOf(Connection c) {
        return optionsByConnection.computeIfAbsent(c.id(), id -> {
            try {
                return options.forConnection(c.polling());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connection " + id + ": " + e.getMessage(), e);
            }
        });
    }

    private void startPoller(Connection c, List<PollTask> tasks, Function<Connection, ModbusLink> links) {
        Map<String, DeviceHealthTracker> trackers = new LinkedHashMap<>();
        Map<String, MeterPlan> connectionPlans = new LinkedHashMap<>();
        tasks.forEach(t -> trackers.put(t.meter().id(), health.get(t.meter().id())));
        tasks.forEach(t -> connectionPlans.put(t.meter().id(), plans.get(t.meter().id())));
        List<ModbusLink> lanes = new ArrayList<>();
        try {
            for (int i = 0; i < lanesOf(c); i++) {
                lanes.add(links.apply(c));
            }
            pollers.add(new ConnectionPoller(c.id(), lanes, tasks, trackers, connectionPlans, bus, clock,
                    optionsOf(c).retries()));
        } catch (UnsupportedOperationException ex) {
            lanes.forEach(ModbusLink::close);
            // The connection stays visible: its points show BAD with the reason instead of vanishing.
            unsupported.put(c.id(), ex.getMessage());
            trackers.values().forEach(t -> t.disable(ex.getMessage()));
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

    /**
     * The j2mod links by connection type, each with its connection's inter-frame delay (the
     * connection's polling options over {@code options}); OPC UA is not served by this collector.
     */
    public static Function<Connection, ModbusLink> defaultLinks(CollectorOptions options) {
        return c -> {
            Duration timeout = c.timeout() == null ? Duration.ofSeconds(1) : c.timeout();
            return switch (c.type()) {
                case MODBUS_TCP -> new ModbusTcpLink(c.host(), c.port(), timeout);
                case MODBUS_RTU_OVER_TCP -> ModbusTcpLink.rtuOverTcp(c.host(), c.port(), timeout);
                case MODBUS_RTU -> new ModbusRtuSerialLink(c.serialDevice(), c.baudRate() == 0 ? 9600 : c.baudRate(),
                        c.parity(), c.stopBits(), timeout, options.forConnection(c.polling()).interFrameDelay());
                case OPC_UA -> throw new UnsupportedOperationException("connection " + c.id()
                        + ": type " + c.type().configName() + " is not supported by this collector yet"
                        + " (modbus-tcp, modbus-rtu and modbus-rtu-over-tcp are)");
            };
        };
    }

    @Override
    public String protocol() {
        return "modbus";
    }

    /** Starts one poller per connection, the stale-value marker and the health points. */
    @Override
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
        staleMarker.scheduleWithFixedDelay(new HealthPoints(bus, this::health, clock),
                healthMillis, Math.max(1, healthMillis), TimeUnit.MILLISECONDS);
        log.info("Modbus collector started: {} point(s) on {} connection(s)", points.size(), pollers.size());
    }

    private void publishUnsupported(List<PollTask> tasks, String reason) {
        for (PollTask task : tasks) {
            task.requests().forEach(r -> r.points().forEach(p ->
                    bus.publish(Sample.bad(new PointId(task.meter().id(), p.name()), clock.instant(), reason))));
        }
    }

    /** Every point this collector reads, in plant order (meters as configured, points as in their profile). */
    @Override
    public List<PointId> points() {
        return points.stream().map(CataloguedPoint::id).toList();
    }

    @Override
    public List<String> devices() {
        return List.copyOf(health.keySet());
    }

    /** The poll tasks per connection id, as planned (for health pages and tests). */
    public Map<String, List<PollTask>> tasks() {
        Map<String, List<PollTask>> out = new LinkedHashMap<>();
        tasksByConnection.forEach((c, t) -> out.put(c.id(), List.copyOf(t)));
        return out;
    }

    /** Communication health of every meter, in plant order. */
    @Override
    public List<DeviceHealth> health() {
        return health.values().stream().map(DeviceHealthTracker::snapshot).toList();
    }

    /** Health of one meter, if it is configured. */
    @Override
    public Optional<DeviceHealth> health(String meterId) {
        return Optional.ofNullable(health.get(meterId)).map(DeviceHealthTracker::snapshot);
    }

    /** What a meter was found to refuse, its reads now and the suggested profile correction. */
    @Override
    public Optional<LearnedReadPlan> learnedPlan(String meterId) {
        return Optional.ofNullable(plans.get(meterId)).flatMap(MeterPlan::report);
    }

    /** Polls a meter now (ending its rest); with {@code forget} its refused points are asked again too. */
    @Override
    public Optional<CompletableFuture<DeviceHealth>> probe(String meterId, boolean forget) {
        for (ConnectionPoller poller : pollers) {
            Optional<CompletableFuture<DeviceHealth>> probe = poller.probeNow(meterId, forget);
            if (probe.isPresent()) {
                return probe;
            }
        }
        return Optional.empty();
    }

    @Override
    public void addHealthListener(DeviceHealthListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"), this::health);
    }

    /** The options this collector runs with by default. */
    public CollectorOptions options() {
        return options;
    }

    /** The options one connection runs with: its own polling options over {@link #options()}. */
    public Optional<CollectorOptions> options(String connectionId) {
        return Optional.ofNullable(optionsByConnection.get(connectionId));
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
        log.info("Modbus collector stopped");
    }
}
