package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA server: a session, one subscription with a monitored item per point, and the
 * recovery around them. The first connect (and any connect after the stack gave up) is retried
 * here with exponential backoff; once a session exists, Milo reconnects it and transfers the
 * subscription, and where the server lost it (restart, session timeout) the subscription is
 * created anew. While the session is away the points' last values are marked stale.
 */
final class OpcUaConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpcUaConnection.class);

    /** A point bound to its device, sampled at the interval the point catalogue gives it. */
    record Bound(PointId id, String meterId, OpcUaPoint point, Duration samplingInterval) {
    }

    private final Connection connection;
    private final OpcUaEndpoint endpoint;
    private final String url;
    private final List<Bound> points;
    private final SampleBus bus;
    private final Clock clock;
    private final ApplicationCertificate certificate;
    private final ServerTrust trust;
    private final CertificateValidator serverValidator;
    private final ScheduledExecutorService scheduler;
    private final OpcUaCollectorOptions options;
    private final OpcUaConnectionHealth health;
    private Duration backoff;
    private String lastLoggedProblem;
    private volatile OpcUaClient client;
    private volatile OpcUaSubscription subscription;
    private volatile boolean closed;

    /**
     * @param options this connection's options (its own backoff over the collector's)
     * @param health  the connection's health, told to the listeners of its devices
     */
    OpcUaConnection(Connection connection, List<Bound> points, SampleBus bus, Clock clock, Path dataDir,
            ApplicationCertificate certificate, ScheduledExecutorService scheduler, OpcUaCollectorOptions options,
            OpcUaConnectionHealth health) {
        this.connection = connection;
        this.endpoint = connection.opcUa() == null ? OpcUaEndpoint.anonymousNone() : connection.opcUa();
        this.url = endpoint.url(connection.host(), connection.port());
        this.points = List.copyOf(points);
        this.bus = bus;
        this.clock = clock;
        this.certificate = certificate;
        Path trustDir = endpoint.trustDir() == null ? dataDir.resolve("opcua/pki")
                : dataDir.resolve(endpoint.trustDir());
        this.trust = ServerTrust.open(trustDir, endpoint.trustAllServers());
        this.serverValidator = trust.validator();
        this.scheduler = scheduler;
        this.options = options;
        this.health = health;
        this.backoff = options.initialBackoff();
        if (endpoint.trustAllServers()) {
            log.warn("connection {}: trusting every OPC UA server certificate (trustAllServers; meant for the demo only)",
                    connection.id());
        }
    }

    String id() {
        return connection.id();
    }

    String url() {
        return url;
    }

    List<Bound> points() {
        return points;
    }

    OpcUaConnectionHealth health() {
        return health;
    }

    void start() {
        scheduler.execute(this::connect);
    }

    /** Runs on the scheduler: one attempt; schedules the next one on failure. */
    private void connect() {
        if (closed) {
            return;
        }
        health.attempt();
        OpcUaClient c = null;
        try {
            c = ClientFactory.create(connection.host(), connection.port(), endpoint, certificate, serverValidator, options);
            client = c;
            c.connect();
            List<NodeId> nodeIds = NodeAddresses.resolve(c, points.stream().map(Bound::point).toList());
            c.addSessionActivityListener(new SessionWatch());
            createSubscription(c, nodeIds);
            health.connected(clock.instant());
            backoff = options.initialBackoff();
            if (lastLoggedProblem != null) {
                log.info("connection {}: connected to {} again ({} point(s))", connection.id(), url, points.size());
            } else {
                log.info("connection {}: connected to {} ({}, {} point(s))", connection.id(), url,
                        endpoint.securityKey(), points.size());
            }
            lastLoggedProblem = null;
        } catch (Exception e) {
            String reason = ConnectFailure.describe(e, url, certificate, endpoint);
            Instant now = clock.instant();
            Instant next = now.plus(backoff);
            health.failed(reason, now, next);
            // One line per distinct problem: a dead or hostile server must not flood the log.
            if (!reason.equals(lastLoggedProblem)) {
                log.warn("connection {}: {} (retrying every {} at most)", connection.id(), reason, options.maxBackoff());
                lastLoggedProblem = reason;
            } else {
                log.debug("connection {}: still failing: {}", connection.id(), reason);
            }
            markAway(reason);
            client = null;
            if (c != null) {
                c.disconnectAsync();
            }
            if (!closed) {
                scheduler.schedule(this::connect, backoff.toMillis(), TimeUnit.MILLISECONDS);
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void createSubscription(OpcUaClient c, List<NodeId> nodeIds) throws UaException {
        double publishing = points.stream().mapToDouble(b -> b.samplingInterval().toMillis()).min().orElse(1000);
        OpcUaSubscription s = new OpcUaSubscription(c, publishing);
        s.setSubscriptionListener(new SubscriptionWatch());
        s.create();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Bound b = points.get(i);
            NodeId nodeId = nodeIds.get(i);
            if (nodeId == null) {
                bus.publish(Sample.bad(b.id(), clock.instant(), "Bad_NodeIdUnknown: " + b.point().address()));
                continue;
            }
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId);
            item.setSamplingInterval(b.samplingInterval().toMillis());
            item.setQueueSize(uint(b.point().queueSize()));
            item.setDiscardOldest(true);
            Deadband d = b.point().deadband();
            if (d.type() != Deadband.Type.NONE) {
                item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue,
                        uint(d.type() == Deadband.Type.ABSOLUTE ? 1 : 2), d.value()));
            }
            item.setUserObject(b);
            item.setDataValueListener((it, value) -> onValue((Bound) it.getUserObject().orElseThrow(), value));
            items.add(item);
        }
        s.addMonitoredItems(items);
        try {
            s.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException e) {
            // Items the server refused report BAD with its reason; the others run.
            e.getCreateResults().forEach(r -> r.monitoredItem().getUserObject().ifPresent(o -> {
                Bound b = (Bound) o;
                String reason = StatusQuality.reason(r.operationResult().orElse(StatusCode.BAD));
                log.warn("connection {}: server refused to monitor {} ({}): {}", connection.id(), b.id(),
                        b.point().address(), reason);
                bus.publish(Sample.bad(b.id(), clock.instant(), reason));
            }));
        }
        subscription = s;
    }

    /** Milo's delivery thread: convert and hand on, never block. */
    private void onValue(Bound b, DataValue value) {
        Instant now = clock.instant();
        StatusCode status = value.getStatusCode();
        Quality quality = StatusQuality.quality(status);
        String reason = StatusQuality.reason(status);
        Instant time = timeOf(value, now);
        double latency = value.getServerTime() == null ? Double.NaN
                : Duration.between(value.getServerTime().getJavaInstant(), now).toNanos() / 1e6;
        Object raw = value.getValue() == null ? null : value.getValue().getValue();
        double v;
        if (raw instanceof Number n) {
            v = n.doubleValue() * b.point().scale() + b.point().offset();
        } else if (raw instanceof Boolean flag) {
            v = flag ? 1 : 0;
        } else if (quality == Quality.BAD) {
            v = Double.NaN;
        } else {
            quality = Quality.BAD;
            reason = "unsupported value type " + (raw == null ? "null" : raw.getClass().getSimpleName());
            v = Double.NaN;
        }
        if (quality == Quality.GOOD && !Double.isFinite(v)) {
            quality = Quality.BAD;
            reason = "non-finite value " + v;
        }
        health.notified(quality == Quality.GOOD, now, latency);
        bus.publish(new Sample(b.id(), time, quality == Quality.BAD ? Double.NaN : v, quality, reason));
    }

    /** The source timestamp when the server gives one (that is when the PLC measured it). */
    private static Instant timeOf(DataValue value, Instant now) {
        DateTime source = value.getSourceTime();
        if (source != null && source.isValid()) {
            return source.getJavaInstant();
        }
        DateTime server = value.getServerTime();
        return server != null && server.isValid() ? server.getJavaInstant() : now;
    }

    /** Keeps last values visible but UNCERTAIN (stale); points never seen report BAD with the reason. */
    private void markAway(String reason) {
        for (Bound b : points) {
            Sample cached = bus.latest().get(b.id());
            if (cached == null || cached.quality() == Quality.BAD) {
                if (cached == null || !cached.reason().equals(reason)) {
                    bus.publish(Sample.bad(b.id(), clock.instant(), reason));
                }
            } else {
                bus.markStale(cached);
            }
        }
    }

    private final class SessionWatch implements SessionActivityListener {
        @Override
        public void onSessionActive(UaSession session) {
            if (health.state() != io.wattline.core.device.DeviceState.ONLINE) {
                log.info("connection {}: session to {} active again", connection.id(), url);
            }
            health.connected(clock.instant());
        }

        @Override
        public void onSessionInactive(UaSession session) {
            if (closed) {
                return;
            }
            log.warn("connection {}: session to {} lost; reconnecting, values stale meanwhile", connection.id(), url);
            health.lost("session lost; reconnecting", clock.instant());
            markAway("session lost");
        }
    }

    private final class SubscriptionWatch implements OpcUaSubscription.SubscriptionListener {
        @Override
        public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
            // The server no longer has our subscription (restart, session timeout): build it again.
            log.info("connection {}: subscription not transferable ({}); creating it again", connection.id(),
                    StatusQuality.reason(status));
            scheduler.execute(() -> recreate(s));
        }

        @Override
        public void onWatchdogTimerElapsed(OpcUaSubscription s) {
            log.debug("connection {}: no publish response or keep-alive in time", connection.id());
            markAway("no data from server (keep-alive missed)");
        }
    }

    private void recreate(OpcUaSubscription old) {
        OpcUaClient c = client;
        if (closed || c == null) {
            return;
        }
        try {
            c.removeSubscription(old);
            createSubscription(c, NodeAddresses.resolve(c, points.stream().map(Bound::point).toList()));
            log.info("connection {}: subscription created again ({} item(s))", connection.id(), points.size());
        } catch (Exception e) {
            String reason = ConnectFailure.describe(e, url, certificate, endpoint);
            log.warn("connection {}: cannot create the subscription again: {}; reconnecting", connection.id(), reason);
            health.lost(reason, clock.instant());
            client = null;
            c.disconnectAsync();
            scheduler.schedule(this::connect, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        trust.close();
        OpcUaClient c = client;
        if (c != null) {
            try {
                c.disconnectAsync().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("connection {}: disconnect did not finish cleanly: {}", connection.id(), e.toString());
            }
        }
    }
}
