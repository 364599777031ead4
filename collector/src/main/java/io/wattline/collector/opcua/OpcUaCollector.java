package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceHealth;
import io.wattline.collector.live.PointInfo;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to every meter of a plant that sits on an {@code opc-ua} connection and publishes
 * its values and its communication health on a {@link SampleBus}, next to the Modbus
 * {@code Collector}. One session and one subscription per connection; reconnects on its own.
 * Configuration errors fail in the constructor.
 */
public final class OpcUaCollector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpcUaCollector.class);
    /** The application URI in our certificate; servers see the collector under it. */
    public static final String APPLICATION_URI = "urn:wattline:collector";

    private final List<OpcUaConnection> connections = new ArrayList<>();
    private final Map<String, OpcUaConnection> connectionOfMeter = new LinkedHashMap<>();
    private final List<PointInfo> points = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    /** With the OPC UA profiles shipped in the jar and default timing. */
    public OpcUaCollector(Plant plant, SampleBus bus, Clock clock, Path dataDir) {
        this(plant, OpcUaProfileLoader.builtIn()::find, bus, clock, dataDir, OpcUaCollectorOptions.defaults());
    }

    /**
     * @param profiles finds an OPC UA profile by id ({@code vendor/model})
     * @param dataDir  the application certificate is kept in {@code dataDir/opcua/}, default trust list in
     *                 {@code dataDir/opcua/pki}; relative trust directories resolve against it
     */
    public OpcUaCollector(Plant plant, Function<String, Optional<OpcUaProfile>> profiles, SampleBus bus, Clock clock,
            Path dataDir, OpcUaCollectorOptions options) {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
        Map<Connection, List<OpcUaConnection.Bound>> byConnection = new LinkedHashMap<>();
        Map<String, Connection> connectionOf = new LinkedHashMap<>();
        for (Meter meter : plant.meters()) {
            Connection c = plant.connection(meter.connectionId()).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + meter.id() + ": connection '" + meter.connectionId() + "' is not configured"));
            if (c.type() != ConnectionType.OPC_UA) {
                continue;
            }
            OpcUaProfile profile = profiles.apply(meter.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + meter.id() + ": unknown OPC UA profile '" + meter.profile() + "' (expected "
                            + OpcUaProfileLoader.RESOURCE_DIR + meter.profile() + ".yaml)"));
            List<OpcUaConnection.Bound> bound = byConnection.computeIfAbsent(c, k -> new ArrayList<>());
            for (OpcUaPoint p : profile.points()) {
                PointId id = new PointId(meter.id(), p.name());
                bound.add(new OpcUaConnection.Bound(id, meter.id(), p));
                points.add(new PointInfo(id, meter.id(), meter.name(), p.quantity(), p.unit(), meter.carrier(),
                        p.samplingInterval()));
            }
            connectionOf.put(meter.id(), c);
        }
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, byConnection.size())), r -> {
            Thread t = new Thread(r, "opcua-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ApplicationCertificate certificate = byConnection.isEmpty() ? null
                : ApplicationCertificate.loadOrCreate(dataDir.resolve("opcua"), "collector", APPLICATION_URI);
        Map<Connection, OpcUaConnection> made = new LinkedHashMap<>();
        byConnection.forEach((c, bound) -> {
            OpcUaConnection oc = new OpcUaConnection(c, bound, bus, clock, dataDir, certificate, scheduler, options);
            connections.add(oc);
            made.put(c, oc);
        });
        connectionOf.forEach((meterId, c) -> connectionOfMeter.put(meterId, made.get(c)));
    }

    /** Starts connecting every OPC UA connection; returns at once. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        connections.forEach(OpcUaConnection::start);
        log.info("OPC UA collector started: {} point(s) on {} connection(s)", points.size(), connections.size());
    }

    /** Every OPC UA point, in plant order. */
    public List<PointInfo> points() {
        return List.copyOf(points);
    }

    /** Health of every OPC UA meter (unit id 0), in plant order. */
    public List<DeviceHealth> health() {
        List<DeviceHealth> out = new ArrayList<>();
        connectionOfMeter.forEach((meterId, c) -> out.add(c.health().snapshot(meterId)));
        return out;
    }

    /** Health of one OPC UA meter, if it is configured. */
    public Optional<DeviceHealth> health(String meterId) {
        return Optional.ofNullable(connectionOfMeter.get(meterId)).map(c -> c.health().snapshot(meterId));
    }

    /** Endpoint URL per connection id, as the client dials it. */
    public Map<String, String> endpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        connections.forEach(c -> out.put(c.id(), c.url()));
        return out;
    }

    /** Closes every session; the bus stays open for its owner. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        connections.forEach(OpcUaConnection::close);
        log.info("OPC UA collector stopped");
    }
}
