package io.wattline.collector.opcua;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.opcua.OpcUaPoint;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA server: a session, one subscription with a monitored item per point, and the
 * recovery around them. A connect discovers the server's endpoints afresh and is retried with
 * exponential backoff. Once a session exists, Milo reconnects it and transfers the subscription;
 * meanwhile this connection probes the server (GetEndpoints) on the same backoff, so health says
 * the real reason and the next attempt, and it gives Milo's session up for a fresh connect when the
 * server presents another certificate (renewed: Milo would retry the old one for ever) or answers
 * but the session stays away. Failed items are created again with backoff. Each change of problem
 * is logged once.
 */
final class OpcUaConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpcUaConnection.class);
    /** Longer than Milo's longest wait between two reconnects (16 s): its own reconnect had its chance. */
    private static final Duration GIVE_MILO_UP_AFTER = Duration.ofSeconds(20);

    /** A point bound to its device, sampled at the interval the point catalogue gives it. */
    record Bound(PointId id, String meterId, OpcUaPoint point, Duration samplingInterval) {
    }

    /** What the parts of a connection share. */
    record Context(String connectionId, SampleBus bus, Clock clock, OpcUaConnectionHealth health,
            OpcUaCollectorOptions options, Logger log) {
    }

    private final Connection connection;
    private final OpcUaEndpoint endpoint;
    private final String url;
    private final List<MonitoredPoint> points;
    /** Loaded (or made, once per data directory) at the first connect, off the application's start. */
    private final Supplier<ApplicationCertificate> certificate;
    private final ServerTrust trust;
    private final Path trustDir;
    private final ScheduledExecutorService scheduler;
    private final OpcUaCollectorOptions options;
    private final Context context;
    private Duration backoff;
    private String lastLoggedProblem;
    private long generation;
    private volatile OpcUaClient client;
    private PointSubscription subscription;
    private boolean away;
    private Instant reachableSince;
    private volatile X509Certificate serverCertificate;
    private volatile boolean closed;

    /**
     * @param options this connection's options (its own backoff over the collector's)
     * @param health  the connection's health, told to the listeners of its devices
     */
    OpcUaConnection(Connection connection, List<Bound> points, SampleBus bus, Clock clock, Path dataDir,
            Supplier<ApplicationCertificate> certificate, ScheduledExecutorService scheduler, OpcUaCollectorOptions options,
            OpcUaConnectionHealth health) {
        this.connection = connection;
        this.endpoint = connection.opcUa() == null ? OpcUaEndpoint.anonymousNone() : connection.opcUa();
        this.url = endpoint.url(connection.host(), connection.port());
        this.points = points.stream().map(MonitoredPoint::new).toList();
        this.certificate = certificate;
        this.trustDir = endpoint.trustDir() == null ? dataDir.resolve("opcua/pki") : dataDir.resolve(endpoint.trustDir());
        this.trust = ServerTrust.open(trustDir, endpoint.trustAllServers(), endpoint.checkServerHostname());
        this.scheduler = scheduler;
        this.options = options;
        this.context = new Context(connection.id(), bus, clock, health, options, log);
        this.backoff = options.initialBackoff();
        if (endpoint.trustAllServers()) {
            log.warn("connection {}: trusting every OPC UA server certificate (trustAllServers; meant for the demo only)",
                    connection.id());
        } else if (!endpoint.checkServerHostname() && !"None".equals(endpoint.securityPolicy())) {
            log.warn("connection {}: the server certificate's host name and application URI are not checked"
                    + " (opcua.checkServerHostname: false): a trusted certificate copied to another machine lets it"
                    + " pose as this server", connection.id());
        }
    }

    String id() {
        return connection.id();
    }

    String url() {
        return url;
    }

    List<MonitoredPoint> points() {
        return points;
    }

    OpcUaConnectionHealth health() {
        return context.health();
    }

    /** The certificate the server presented at the last connect; null before one, or without security. */
    X509Certificate serverCertificate() {
        return serverCertificate;
    }

    void start() {
        scheduler.execute(this::connect);
        long every = Math.max(100, options.initialBackoff().toMillis());
        scheduler.scheduleWithFixedDelay(this::retryFailedItems, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs on the scheduler: one attempt with a fresh endpoint discovery; schedules the next one on failure. */
    private synchronized void connect() {
        if (closed) {
            return;
        }
        abandonClient();
        context.health().attempt();
        long mine = ++generation;
        OpcUaClient c = null;
        try {
            c = ClientFactory.create(connection.host(), connection.port(), endpoint, certificate.get(), trust.validator(),
                    options, context.health()::roundTrip);
            client = c;
            c.connect();
            serverCertificate = EndpointProbe.certificate(c.getConfig().getEndpoint())
                    .filter(x -> !"None".equals(endpoint.securityPolicy())).orElse(null);
            c.addSessionActivityListener(new SessionWatch(mine));
            subscribe(c, mine);
            away = false;
            reachableSince = null;
            context.health().connected(context.clock().instant());
            backoff = options.initialBackoff();
            log.info("connection {}: connected to {} ({}, {} point(s)){}", connection.id(), url,
                    endpoint.securityKey(), points.size(), lastLoggedProblem == null ? "" : " again");
            lastLoggedProblem = null;
        } catch (Exception e) {
            failed(ConnectFailure.describe(e, where()));
            client = null;
            if (c != null) {
                c.disconnectAsync();
            }
            scheduleNext(this::connect);
        }
    }

    private void subscribe(OpcUaClient c, long mine) throws Exception {
        PointSubscription s = new PointSubscription(c, points, context);
        s.create(new SubscriptionWatch(mine));
        subscription = s;
    }

    /** Health, log and points, for a failed connect or probe. */
    private void failed(String reason) {
        Instant now = context.clock().instant();
        context.health().failed(reason, now, now.plus(backoff));
        logOnce(reason);
        markAway(reason);
    }

    /**
     * One WARN per distinct problem, repeats at DEBUG: a dead or hostile server must not flood the
     * log. "Cannot reach" counts as one problem whatever the socket says (reset, then refused).
     */
    private void logOnce(String reason) {
        logOnce(reason, true);
    }

    /** @param problem false for a state that is no fault (the server is back, Milo is reconnecting): INFO */
    private void logOnce(String reason, boolean problem) {
        String kind = reason.startsWith("cannot reach ") ? "cannot reach" : reason;
        if (!kind.equals(lastLoggedProblem)) {
            String line = "connection {}: {} (next attempt in {} ms, then at most every {} s)";
            if (problem) {
                log.warn(line, connection.id(), reason, backoff.toMillis(), options.maxBackoff().toSeconds());
            } else {
                log.info(line, connection.id(), reason, backoff.toMillis(), options.maxBackoff().toSeconds());
            }
            lastLoggedProblem = kind;
        } else {
            log.debug("connection {}: still failing: {}", connection.id(), reason);
        }
    }

    private void scheduleNext(Runnable task) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(task, backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("connection {}: closing, no further attempt", connection.id());
            return;
        }
        backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                : backoff.multipliedBy(2);
    }

    private ConnectFailure.Where where() {
        X509Certificate known = serverCertificate;
        return new ConnectFailure.Where(url, ConnectFailure.derOf(certificate.get()), endpoint, trustDir,
                known == null ? null : CertificateFacts.thumbprint(known));
    }

    /**
     * While the session is away: asks the server for its endpoints. Unreachable → the reason and the
     * next probe in health; another certificate → a fresh connect at once; reachable for longer than
     * Milo's reconnect needs → a fresh connect, which names the real reason if it fails.
     */
    private synchronized void probe(long mine) {
        if (closed || mine != generation || !away) {
            return;
        }
        context.health().attempt();
        EndpointProbe.Answer answer = EndpointProbe.ask(url, endpoint, options.requestTimeout(), where());
        if (!answer.reachable()) {
            reachableSince = null;
            failed(answer.failure());
            scheduleNext(() -> probe(mine));
            return;
        }
        Instant now = context.clock().instant();
        X509Certificate known = serverCertificate;
        if (known != null && answer.thumbprint() != null && !answer.thumbprint().equals(CertificateFacts.thumbprint(known))) {
            log.info("connection {}: {} presents another certificate (thumbprint {}, was {}); connecting afresh",
                    connection.id(), url, answer.thumbprint(), CertificateFacts.thumbprint(known));
            connect();
            return;
        }
        if (reachableSince == null) {
            reachableSince = now;
        }
        if (!now.isBefore(reachableSince.plus(GIVE_MILO_UP_AFTER))) {
            log.info("connection {}: {} answers but the session is still away after {} s; connecting afresh",
                    connection.id(), url, GIVE_MILO_UP_AFTER.toSeconds());
            connect();
            return;
        }
        String reason = "session lost; " + url + " answers, reconnecting";
        context.health().lost(reason, now, now.plus(backoff));
        logOnce(reason, false);
        scheduleNext(() -> probe(mine));
    }

    /** Keeps last values visible but UNCERTAIN (stale); points never seen report BAD with the reason. */
    private void markAway(String reason) {
        Instant now = context.clock().instant();
        SampleBus bus = context.bus();
        for (MonitoredPoint p : points) {
            Sample cached = bus.latest().get(p.bound().id());
            if (cached == null || cached.quality() == Quality.BAD) {
                if (cached == null || !cached.reason().equals(reason)) {
                    bus.publish(Sample.bad(p.bound().id(), p.stamp(now, now), reason));
                }
            } else {
                bus.markStale(cached);
            }
        }
    }

    private synchronized void retryFailedItems() {
        PointSubscription s = subscription;
        if (closed || away || s == null || client == null) {
            return;
        }
        try {
            s.retryFailed();
        } catch (Exception e) {
            // The session went away meanwhile, or the server fails the call: the next round tries again.
            log.debug("connection {}: items not created again yet: {}", connection.id(), e.toString());
        }
    }

    private synchronized void sessionLost(long mine) {
        if (closed || mine != generation || away) {
            return;
        }
        away = true;
        reachableSince = null;
        backoff = options.initialBackoff();
        Instant now = context.clock().instant();
        context.health().lost("session lost", now, now);
        markAway("session lost");
        probe(mine);
    }

    private synchronized void sessionBack(long mine) {
        if (closed || mine != generation || !away) {
            return;
        }
        away = false;
        reachableSince = null;
        backoff = options.initialBackoff();
        context.health().connected(context.clock().instant());
        log.info("connection {}: session to {} active again", connection.id(), url);
        lastLoggedProblem = null;
    }

    private synchronized void recreateSubscription(long mine) {
        OpcUaClient c = client;
        if (closed || mine != generation || c == null) {
            return;
        }
        try {
            if (subscription != null) {
                subscription.delete();
            }
            subscribe(c, mine);
            log.info("connection {}: subscription created again ({} item(s))", connection.id(), points.size());
        } catch (Exception e) {
            failed("cannot create the subscription again: " + ConnectFailure.describe(e, where()));
            scheduleNext(this::connect);
        }
    }

    /** Runs {@code task} on the scheduler unless the connection is closing (its scheduler then refuses tasks). */
    private void later(Runnable task) {
        if (closed) {
            return;
        }
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("connection {}: closing, {} not run", connection.id(), task);
        }
    }

    /** Drops the current client (and its session, if the server still has it) without waiting. */
    private void abandonClient() {
        generation++;
        OpcUaClient c = client;
        client = null;
        subscription = null;
        if (c != null) {
            c.disconnectAsync();
        }
    }

    private final class SessionWatch implements SessionActivityListener {
        private final long mine;

        SessionWatch(long mine) {
            this.mine = mine;
        }

        // Milo's threads: hand over to the scheduler, never block here.
        @Override
        public void onSessionActive(UaSession session) {
            later(() -> sessionBack(mine));
        }

        @Override
        public void onSessionInactive(UaSession session) {
            later(() -> sessionLost(mine));
        }
    }

    private final class SubscriptionWatch implements OpcUaSubscription.SubscriptionListener {
        private final long mine;

        SubscriptionWatch(long mine) {
            this.mine = mine;
        }

        @Override
        public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
            // The server no longer has our subscription (restart, session timeout): build it again.
            log.info("connection {}: subscription not transferable ({}); creating it again", connection.id(),
                    StatusQuality.reason(status));
            later(() -> recreateSubscription(mine));
        }

        @Override
        public void onWatchdogTimerElapsed(OpcUaSubscription s) {
            log.debug("connection {}: no publish response or keep-alive in time", connection.id());
            markAway("no data from server (keep-alive missed)");
        }
    }

    @Override
    public void close() {
        closed = true;
        trust.close();
        OpcUaClient c = client;
        client = null;
        if (c != null) {
            try {
                c.disconnectAsync().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("connection {}: disconnect did not finish cleanly: {}", connection.id(), e.toString());
            }
        }
    }
}
