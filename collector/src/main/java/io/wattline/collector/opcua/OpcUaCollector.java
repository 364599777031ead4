package io.wattline.collector.opcua;

import io.wattline.collector.health.HealthListeners;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.DeviceDiagnostics;
import io.wattline.core.device.DeviceDiagnostics.CertificateStatus;
import io.wattline.core.device.DeviceDiagnostics.PointProblem;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.secrets.Secrets;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to every meter of a plant that sits on an {@code opc-ua} connection and publishes
 * its values and its communication health (listeners and {@code comm_*} points) on a
 * {@link SampleBus}, next to the {@code ModbusCollector}. One session and one subscription per
 * connection, sampling each point at the interval the {@link PointCatalogue} gives it; reconnects
 * on its own. Configuration errors fail in the constructor.
 */
public final class OpcUaCollector implements DeviceCollector {

    private static final Logger log = LoggerFactory.getLogger(OpcUaCollector.class);
    /** The application URI in our certificate; servers see the collector under it. */
    public static final String APPLICATION_URI = "urn:wattline:collector";

    private final SampleBus bus;
    private final Clock clock;
    private final OpcUaCollectorOptions options;
    private final List<OpcUaConnection> connections = new ArrayList<>();
    private final Map<String, OpcUaConnection> connectionOfMeter = new LinkedHashMap<>();
    private final List<PointId> points = new ArrayList<>();
    private final HealthListeners listeners = new HealthListeners();
    private final ScheduledExecutorService scheduler;
    /** Where our application certificate is kept; it is loaded (or made once) by {@link #start()}, not here. */
    private final Path certificateDir;
    private volatile ApplicationCertificate certificate;
    private boolean started;
    private boolean closed;

    /** With the OPC UA profiles shipped in the jar and default timing. */
    public OpcUaCollector(PointCatalogue catalogue, SampleBus bus, Clock clock, Path dataDir) {
        this(catalogue, OpcUaProfileLoader.builtIn()::find, bus, clock, dataDir, OpcUaCollectorOptions.defaults());
    }

    /**
     * @param catalogue what the points are and how often each is sampled (built from the same plant and profiles)
     * @param profiles  finds an OPC UA profile by id ({@code vendor/model}): where each point's variable is
     * @param options   defaults for every connection; a connection's {@link Connection#polling()} backoff overrides them
     * @param dataDir   the application certificate is kept in {@code dataDir/opcua/}, default trust list in
     *                  {@code dataDir/opcua/pki}; relative trust directories resolve against it
     */
    public OpcUaCollector(PointCatalogue catalogue, Function<String, Optional<OpcUaProfile>> profiles, SampleBus bus,
            Clock clock, Path dataDir, OpcUaCollectorOptions options) {
        Objects.requireNonNull(catalogue, "catalogue");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dataDir, "dataDir");
        Plant plant = catalogue.plant();
        Map<Connection, List<OpcUaConnection.Bound>> byConnection = new LinkedHashMap<>();
        Map<Connection, List<String>> metersOf = new LinkedHashMap<>();
        for (Meter meter : plant.meters()) {
            Connection c = plant.connection(meter.connectionId()).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + meter.id() + ": connection '" + meter.connectionId() + "' is not configured"));
            if (c.type() != ConnectionType.OPC_UA) {
                continue;
            }
            OpcUaProfile profile = profiles.apply(meter.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + meter.id() + ": unknown OPC UA profile '" + meter.profile() + "' (expected "
                            + meter.profile() + ".yaml in a profile folder, or shipped as "
                            + OpcUaProfileLoader.RESOURCE_DIR + meter.profile() + ".yaml)"));
            List<OpcUaConnection.Bound> bound = byConnection.computeIfAbsent(c, k -> new ArrayList<>());
            for (OpcUaPoint p : profile.points()) {
                CataloguedPoint catalogued = catalogued(catalogue, meter, profile, p);
                bound.add(new OpcUaConnection.Bound(catalogued.id(), meter.id(), p, catalogued.period()));
                points.add(catalogued.id());
            }
            metersOf.computeIfAbsent(c, k -> new ArrayList<>()).add(meter.id());
        }
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, byConnection.size())), r -> {
            Thread t = new Thread(r, "opcua-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        certificateDir = dataDir.resolve("opcua");
        Secrets secrets = Secrets.of(dataDir);
        byConnection.forEach((configured, bound) -> {
            Connection c = withSecrets(configured, secrets);
            OpcUaConnectionHealth health = new OpcUaConnectionHealth(c.id(), metersOf.get(configured), listeners);
            OpcUaConnection oc = new OpcUaConnection(c, bound, bus, clock, dataDir, this::certificate, scheduler,
                    options.forConnection(c.polling()), health);
            connections.add(oc);
            metersOf.get(configured).forEach(meterId -> connectionOfMeter.put(meterId, oc));
        });
    }

    /**
     * The connection with its password resolved ({@code ${ENV}} or {@code secret:name}); refuses to
     * send a password over security None unless the plant file allows it for this connection.
     */
    static Connection withSecrets(Connection c, Secrets secrets) {
        OpcUaEndpoint e = c.opcUa();
        if (e == null || !e.hasUser()) {
            return c;
        }
        if (e.passwordInClear()) {
            if (!e.allowPasswordWithoutSecurity()) {
                throw new IllegalArgumentException("connection " + c.id() + ": refusing to send user " + e.username()
                        + "'s password over securityPolicy None, where anyone on the network (or a server posing as"
                        + " this one) can read it: use Basic256Sha256, or set opcua.allowPasswordWithoutSecurity: true");
            }
            log.warn("connection {}: user {}'s password travels in clear over security None"
                    + " (allowPasswordWithoutSecurity: true)", c.id(), e.username());
        }
        return c.withOpcUa(e.withPassword(secrets.resolve(e.password(), "connection " + c.id() + ": opcua.password")));
    }

    private static CataloguedPoint catalogued(PointCatalogue catalogue, Meter meter, OpcUaProfile profile,
            OpcUaPoint p) {
        return catalogue.find(new PointId(meter.id(), p.name())).filter(c -> !c.health())
                .orElseThrow(() -> new IllegalArgumentException("meter " + meter.id() + ": point '" + p.name()
                        + "' of OPC UA profile " + profile.id() + " is not in the point catalogue"
                        + " (was the catalogue built from another plant or profile?)"));
    }

    @Override
    public String protocol() {
        return "opcua";
    }

    /** Starts connecting every OPC UA connection and publishing health points; returns at once. */
    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        if (!connections.isEmpty()) {
            certificate();   // a new data directory makes its key here, on the starting thread, not in the constructor
        }
        connections.forEach(OpcUaConnection::start);
        if (!connections.isEmpty()) {
            long healthMillis = Math.max(1, options.healthPublishPeriod().toMillis());
            scheduler.scheduleWithFixedDelay(new HealthPoints(bus, this::health, clock), healthMillis, healthMillis,
                    TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(this::warnIfCertificateExpires, 0, 1, TimeUnit.DAYS);
        }
        log.info("OPC UA collector started: {} point(s) on {} connection(s)", points.size(), connections.size());
    }

    /** Every OPC UA point, in plant order. */
    @Override
    public List<PointId> points() {
        return List.copyOf(points);
    }

    @Override
    public List<String> devices() {
        return List.copyOf(connectionOfMeter.keySet());
    }

    /** Health of every OPC UA meter (unit id 0), in plant order. */
    @Override
    public List<DeviceHealth> health() {
        List<DeviceHealth> out = new ArrayList<>();
        connectionOfMeter.forEach((meterId, c) -> out.add(c.health().snapshot(meterId)));
        return out;
    }

    /** Health of one OPC UA meter, if it is configured. */
    @Override
    public Optional<DeviceHealth> health(String meterId) {
        return Optional.ofNullable(connectionOfMeter.get(meterId)).map(c -> c.health().snapshot(meterId));
    }

    /**
     * Recent errors of the device's connection, its points that are not monitored and why, and the
     * certificates the connection uses (ours, and the server's when secured), each with a warning
     * from 30 days before it expires.
     */
    @Override
    public Optional<DeviceDiagnostics> diagnostics(String meterId) {
        OpcUaConnection c = connectionOfMeter.get(meterId);
        if (c == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<PointProblem> problems = new ArrayList<>();
        for (MonitoredPoint p : c.points()) {
            String problem = p.problem();
            if (p.bound().meterId().equals(meterId) && problem != null) {
                problems.add(new PointProblem(p.bound().id().point(), problem, p.problemSince()));
            }
        }
        List<CertificateStatus> certificates = new ArrayList<>();
        ApplicationCertificate own = certificate;
        if (own != null) {   // null until started
            certificates.add(CertificateFacts.status("application", own.certificate(), now, RENEW_OURS));
        }
        X509Certificate server = c.serverCertificate();
        if (server != null) {
            certificates.add(CertificateFacts.status("server", server, now, "renew it on the server, then move the"
                    + " new certificate from the trust list's rejected/ to trusted/certs/"));
        }
        return Optional.of(new DeviceDiagnostics(c.health().recentErrors(), problems, certificates));
    }

    private static final String RENEW_OURS = "run ./wattline opcua-cert renew and give the new collector.der to"
            + " every server that must trust Wattline";

    /** Our application certificate, loaded from {@link #certificateDir} or made there once (an RSA key). */
    private ApplicationCertificate certificate() {
        ApplicationCertificate c = certificate;
        if (c == null) {
            synchronized (this) {
                c = certificate;
                if (c == null) {
                    c = ApplicationCertificate.loadOrCreate(certificateDir, "collector", APPLICATION_URI);
                    certificate = c;
                }
            }
        }
        return c;
    }

    /** Logs a warning from 30 days before our application certificate expires (checked daily). */
    private void warnIfCertificateExpires() {
        String warning = CertificateFacts.warning("application", certificate().certificate().getNotAfter().toInstant(),
                clock.instant(), RENEW_OURS);
        if (warning != null) {
            log.warn("{} ({})", warning, certificate.file());
        }
    }

    @Override
    public void addHealthListener(DeviceHealthListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"), this::health);
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
