package io.wattline.fleet.central;

import io.wattline.fleet.MqttLink;
import io.wattline.fleet.SerialWorker;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.sparkplug.DataType;
import io.wattline.fleet.sparkplug.Metric;
import io.wattline.fleet.sparkplug.SparkplugCodec;
import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.fleet.sparkplug.SparkplugTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central node as a Sparkplug host application: subscribes to {@code spBv1.0/<group>/#} for
 * each group, feeds a {@link FleetView}, asks an edge for a rebirth (NCMD) when it sees data it
 * cannot place, and announces itself on {@code spBv1.0/STATE/<hostId>} (retained, with a will).
 * When it loses the broker every value turns stale until the edges are born again.
 */
public final class CentralHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CentralHost.class);
    /** At most one rebirth request per edge node in this period (a burst of data must not flood it). */
    private static final Duration REBIRTH_HOLD_OFF = Duration.ofSeconds(5);

    private final String hostId;
    private final List<String> groups;
    private final MqttLink link;
    private final FleetView view;
    private final Clock clock;
    private final Duration retryEvery;
    private final Map<String, Instant> rebirthAsked = new ConcurrentHashMap<>();
    private final SerialWorker worker;
    private volatile boolean connected;
    private volatile boolean closed;

    public CentralHost(String hostId, List<String> groups, MqttLink link, FleetView view, Clock clock,
            Duration retryEvery) {
        if (!SparkplugTopic.isValidId(hostId)) {
            throw new IllegalArgumentException("host id '" + hostId + "' must be non-empty and contain none of + / #");
        }
        groups.forEach(SparkplugTopic::groupFilter); // validates
        this.hostId = hostId;
        this.groups = List.copyOf(groups);
        this.link = link;
        this.view = view;
        this.clock = clock;
        this.retryEvery = retryEvery;
        this.worker = new SerialWorker("sparkplug-host-" + hostId);
    }

    public FleetView view() {
        return view;
    }

    public boolean isConnected() {
        return connected;
    }

    public void start() {
        worker.run(this::connect);
    }

    private String stateTopic() {
        return SparkplugTopic.NAMESPACE + "/STATE/" + hostId;
    }

    private static byte[] state(boolean online, long timestamp) {
        return ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void connect() {
        if (closed) {
            return;
        }
        long t = clock.millis();
        try {
            link.connect(new MqttLink.Will(stateTopic(), state(false, t), 1, true), new MqttLink.Listener() {
                @Override
                public void onMessage(String topic, byte[] payload) {
                    received(topic, payload);
                }

                @Override
                public void onConnectionLost(Throwable cause) {
                    worker.run(() -> lost(cause));
                }
            });
            for (String g : groups) {
                link.subscribe(SparkplugTopic.groupFilter(g), 0);
            }
            link.publish(stateTopic(), state(true, t), 1, true);
            connected = true;
            log.info("central {}: subscribed to {}", hostId, groups);
        } catch (IOException e) {
            log.warn("central {}: broker unreachable ({}); retrying in {} s", hostId, e.getMessage(),
                    retryEvery.toSeconds());
            worker.later(this::connect, retryEvery);
        }
    }

    /** On the client's thread: apply (short, in memory) and hand any rebirth request to the worker. */
    private void received(String topic, byte[] payload) {
        Optional<SparkplugTopic> rebirth = view.accept(topic, payload, clock.instant());
        rebirth.ifPresent(ncmd -> worker.run(() -> requestRebirth(ncmd)));
    }

    private void requestRebirth(SparkplugTopic ncmd) {
        Instant now = clock.instant();
        Instant last = rebirthAsked.get(ncmd.toString());
        if (!connected || (last != null && last.plus(REBIRTH_HOLD_OFF).isAfter(now))) {
            return;
        }
        rebirthAsked.put(ncmd.toString(), now);
        SparkplugPayload p = new SparkplugPayload(now,
                List.of(Metric.of(SparkplugEdgeNode.REBIRTH, null, now, DataType.BOOLEAN, true)), null);
        try {
            link.publish(ncmd.toString(), SparkplugCodec.encode(p), 0, false);
            log.info("central {}: asked {} for a rebirth", hostId, ncmd.edgeNode());
        } catch (IOException e) {
            log.warn("central {}: rebirth request to {} failed: {}", hostId, ncmd.edgeNode(), e.getMessage());
        }
    }

    private void lost(Throwable cause) {
        if (!connected) {
            return;
        }
        connected = false;
        view.hostOffline(clock.instant(), "central lost the broker (" + (cause == null ? "closed" : cause.getMessage()) + ")");
        log.warn("central {}: connection to the broker lost; every site is stale until it is born again", hostId);
        worker.later(this::connect, retryEvery);
    }

    @Override
    public void close() {
        closed = true;
        worker.closeAfter(() -> {
            if (connected) {
                try {
                    link.publish(stateTopic(), state(false, clock.millis()), 1, true);
                } catch (IOException e) {
                    log.warn("central {}: offline STATE not published: {}", hostId, e.getMessage());
                }
                connected = false;
            }
            link.close();
        }, Duration.ofSeconds(30));
    }
}
