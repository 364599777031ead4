package io.wattline.collector;

import io.wattline.collector.live.PointInfo;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.live.StaleValueMarker;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.link.ModbusTcpLink;
import io.wattline.collector.plan.RequestPlanner;
import io.wattline.collector.poll.ConnectionPoller;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every meter of a plant and publishes its samples on a {@link SampleBus}: one poller thread
 * per connection, reads planned per profile, values decoded per profile, stamped with the given
 * clock. Configuration errors (unknown profile or connection) fail in the constructor.
 */
public final class Collector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    /** Period for a poll group the profile uses but the meter gives no period for. */
    static final Duration DEFAULT_POLL_PERIOD = Duration.ofSeconds(60);

    private final SampleBus bus;
    private final Clock clock;
    private final List<PointInfo> points = new ArrayList<>();
    private final Map<Connection, List<PollTask>> tasksByConnection = new LinkedHashMap<>();
    private final List<ConnectionPoller> pollers = new ArrayList<>();
    private final Map<String, String> unsupported = new LinkedHashMap<>();
    private ScheduledExecutorService staleMarker;
    private boolean started;
    private boolean closed;

    /** A collector that reaches Modbus TCP and RTU-over-TCP connections through j2mod. */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock) {
        this(plant, profiles, bus, clock, Collector::defaultLink);
    }

    /**
     * @param links makes the link for a connection (later transports plug in here); called once
     *              per connection that has meters, in this constructor, and must not block (links
     *              connect on their first read). It throws {@link UnsupportedOperationException}
     *              for a transport it cannot serve yet: that connection's points then report BAD.
     */
    public Collector(Plant plant, Function<String, DeviceProfile> profiles, SampleBus bus, Clock clock,
            Function<Connection, ModbusLink> links) {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(profiles, "profiles");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
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
            DeviceProfile profile = profileOf(meter, profiles);
            tasksByConnection.get(connection).addAll(plan(meter, profile));
        }
        for (Map.Entry<Connection, List<PollTask>> e : tasksByConnection.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Connection c = e.getKey();
            try {
                pollers.add(new ConnectionPoller(c.id(), links.apply(c), e.getValue(), bus, clock));
            } catch (UnsupportedOperationException ex) {
                // The connection stays visible: its points show BAD with the reason instead of vanishing.
                unsupported.put(c.id(), ex.getMessage());
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
            Duration period = periodOf(meter, e.getKey());
            for (PointDefinition p : e.getValue()) {
                points.add(new PointInfo(new PointId(meter.id(), p.name()), meter.id(), meter.name(),
                        p.quantity(), p.unit(), meter.carrier(), period));
            }
            Duration pause = profile.quirks() == null ? Duration.ZERO : profile.quirks().pauseBetweenRequests();
            tasks.add(new PollTask(meter, e.getKey(), period, RequestPlanner.plan(e.getValue(), profile), pause));
        }
        return tasks;
    }

    private static Duration periodOf(Meter meter, String group) {
        Duration period = meter.pollGroups().get(group);
        if (period != null) {
            return period;
        }
        // A group the meter does not mention is polled at the meter's slowest declared pace.
        Duration fallback = meter.pollGroups().values().stream().max(Comparator.naturalOrder())
                .orElse(DEFAULT_POLL_PERIOD);
        log.info("meter {}: no period for poll group '{}' of profile {}; polling it every {}",
                meter.id(), group, meter.profile(), fallback);
        return fallback;
    }

    private static ModbusLink defaultLink(Connection c) {
        Duration timeout = c.timeout() == null ? Duration.ofSeconds(1) : c.timeout();
        return switch (c.type()) {
            case MODBUS_TCP -> new ModbusTcpLink(c.host(), c.port(), timeout);
            case MODBUS_RTU_OVER_TCP -> ModbusTcpLink.rtuOverTcp(c.host(), c.port(), timeout);
            case MODBUS_RTU, OPC_UA -> throw new UnsupportedOperationException("connection " + c.id()
                    + ": type " + c.type().configName()
                    + " is not supported by this collector yet (modbus-tcp and modbus-rtu-over-tcp are)");
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
            Thread t = new Thread(r, "stale-value-marker");
            t.setDaemon(true);
            return t;
        });
        staleMarker.scheduleWithFixedDelay(new StaleValueMarker(bus, points, clock), 1, 1, TimeUnit.SECONDS);
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
