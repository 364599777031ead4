package io.wattline.fleet.edge;

import io.wattline.core.Sample;
import io.wattline.core.live.SampleListener;
import io.wattline.fleet.MqttLink;
import io.wattline.fleet.SerialWorker;
import io.wattline.fleet.sparkplug.BirthDeathSequence;
import io.wattline.fleet.sparkplug.MessageType;
import io.wattline.fleet.sparkplug.SparkplugCodec;
import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.fleet.sparkplug.SparkplugTopic;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SparkplugEdgeNode} on an MQTT link: connects with the NDEATH as will, publishes the
 * births, then DDATA every {@code flushEvery} for what changed; on NCMD rebirth publishes the births
 * again; when the broker is lost it reconnects with the next bdSeq and publishes what the historian
 * kept meanwhile as historical DDATA. Samples are handed on by the collector's thread and never
 * block it: one worker thread does all MQTT work in order.
 */
public final class EdgePublisher implements SampleListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgePublisher.class);
    /** Pending samples beyond this are dropped from the live stream (the historian keeps them). */
    private static final int MAX_PENDING = 200_000;
    /**
     * Samples drained while offline are also kept here (the newest this many), so the backlog has
     * what the historian may not have committed yet at the reconnect.
     */
    private static final int MAX_OFFLINE_KEPT = 200_000;

    private final SparkplugEdgeNode node;
    private final MqttLink link;
    private final BacklogSource backlog;
    private final Clock clock;
    private final Duration flushEvery;
    private final Duration retryEvery;
    private final BirthDeathSequence bdSeq = new BirthDeathSequence();
    private final ConcurrentLinkedQueue<Sample> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final SerialWorker worker;
    private volatile boolean connected;
    private volatile boolean closed;
    /** Samples at or after this instant have not reached the broker yet (null: none missed). */
    private Instant missedSince;
    /** Every sample timestamped before this (less one flush period of margin) reached the broker. */
    private Instant deliveredUpTo;
    private Long attemptBdSeq;
    private final java.util.ArrayDeque<Sample> offlineKept = new java.util.ArrayDeque<>();
    private long published;

    public EdgePublisher(SparkplugEdgeNode node, MqttLink link, BacklogSource backlog, Clock clock,
            Duration flushEvery, Duration retryEvery) {
        this.node = node;
        this.link = link;
        this.backlog = backlog;
        this.clock = clock;
        this.flushEvery = flushEvery;
        this.retryEvery = retryEvery;
        this.worker = new SerialWorker("sparkplug-edge-" + node.edgeNodeId());
    }

    /** Connects (retrying every {@code retryEvery} while the broker is away) and starts publishing. */
    public void start() {
        missedSince = null;
        worker.run(this::connect);
        worker.every(this::flush, flushEvery);
    }

    @Override
    public void onSample(Sample sample) {
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            return;
        }
        pending.add(sample);
    }

    /** An alarm changed: published as NDATA in order with the samples. */
    public void onAlarm(AlarmMetric alarm) {
        worker.run(() -> {
            List<EdgeMessage> out = node.onAlarm(alarm);
            if (connected) {
                publishAll(out);
            }
        });
    }

    /**
     * A meter's health: OFFLINE publishes its DDEATH at once; its next GOOD reading its DBIRTH
     * ({@link SparkplugEdgeNode#deviceOffline}).
     */
    public void onDeviceOffline(String device) {
        worker.run(() -> {
            List<EdgeMessage> out = node.deviceOffline(device);
            if (connected) {
                publishAll(out);
            }
        });
    }

    public boolean isConnected() {
        return connected;
    }

    /** Messages published since start (births, data, history). */
    public synchronized long publishedCount() {
        return published;
    }

    private void connect() {
        if (closed) {
            return;
        }
        // A bdSeq is spent only by a connection the broker accepted: a refused attempt reuses it, so
        // the NBIRTHs a host sees go up by one (tck-id-topics-nbirth-bdseq-increment).
        if (attemptBdSeq == null) {
            attemptBdSeq = bdSeq.forNewConnect();
        }
        long seq = attemptBdSeq;
        EdgeMessage will = node.death(seq);
        try {
            link.connect(new MqttLink.Will(will.topic().toString(), SparkplugCodec.encode(will.payload()),
                    will.qos(), will.retain()), new MqttLink.Listener() {
                        @Override
                        public void onMessage(String topic, byte[] payload) {
                            worker.run(() -> command(topic, payload));
                        }

                        @Override
                        public void onConnectionLost(Throwable cause) {
                            worker.run(() -> lost(cause));
                        }
                    });
            attemptBdSeq = null;
            link.subscribe(SparkplugTopic.node(node.group(), MessageType.NCMD, node.edgeNodeId()).toString(), 0);
            Instant bornAt = clock.instant();
            flushInto(false);
            connected = true;
            publishAll(node.birth(seq));
            if (missedSince != null) {
                List<Sample> history = backlog(bornAt);
                publishAll(node.history(history));
                log.info("edge {}: published {} samples of backlog since {} as historical", node.edgeNodeId(),
                        history.size(), missedSince);
                missedSince = null;
            } else {
                offlineKept.clear();
            }
            log.info("edge {}: online at the broker (bdSeq {})", node.edgeNodeId(), seq);
        } catch (IOException | RuntimeException e) {
            connected = false;
            node.offline();
            if (missedSince == null) {
                missedSince = missedFrom();
            }
            log.warn("edge {}: broker unreachable ({}); retrying in {} s", node.edgeNodeId(), e.getMessage(),
                    retryEvery.toSeconds());
            worker.later(this::connect, retryEvery);
        }
    }

    private void lost(Throwable cause) {
        if (!connected) {
            return;
        }
        connected = false;
        node.offline();
        missedSince = missedFrom();
        log.warn("edge {}: connection to the broker lost ({}); local history keeps every sample",
                node.edgeNodeId(), cause == null ? "closed" : cause.getMessage());
        worker.later(this::connect, retryEvery);
    }

    /** The historian's samples of the outage merged with those kept in memory, each (point, time) once, in time order. */
    private List<Sample> backlog(Instant bornAt) {
        java.util.Map<String, Sample> merged = new java.util.HashMap<>();
        for (Sample s : backlog.samples(node.pointIds(), missedSince, bornAt)) {
            merged.put(s.point() + "@" + s.time(), s);
        }
        for (Sample s : offlineKept) {
            if (!s.time().isBefore(missedSince)) {
                merged.putIfAbsent(s.point() + "@" + s.time(), s);
            }
        }
        offlineKept.clear();
        return merged.values().stream().sorted(java.util.Comparator.comparing(Sample::time)).toList();
    }

    /** Where the backlog starts: a flush period before the last delivered drain (a repeat is harmless, a gap is not). */
    private Instant missedFrom() {
        return deliveredUpTo == null ? clock.instant().minus(flushEvery) : deliveredUpTo.minus(flushEvery);
    }

    private void command(String topic, byte[] payload) {
        try {
            SparkplugTopic t = SparkplugTopic.parse(topic);
            if (t.type() == MessageType.NCMD && SparkplugEdgeNode.isRebirthRequest(SparkplugCodec.decode(payload))
                    && connected) {
                log.info("edge {}: rebirth requested", node.edgeNodeId());
                flushInto(true);
                publishAll(node.birth(bdSeq.current()));
            }
        } catch (IllegalArgumentException e) {
            log.warn("edge {}: ignored command on {}: {}", node.edgeNodeId(), topic, e.getMessage());
        }
    }

    private void flush() {
        try {
            flushInto(true);
        } catch (RuntimeException e) {
            log.error("edge {}: publishing failed", node.edgeNodeId(), e);
        }
    }

    /** Drains pending samples into the node; publishes the DDATA when asked and connected. */
    private void flushInto(boolean publish) {
        Instant drainedAt = clock.instant();
        List<Sample> batch = new ArrayList<>();
        for (Sample s = pending.poll(); s != null; s = pending.poll()) {
            pendingCount.decrementAndGet();
            batch.add(s);
        }
        if (!connected) {
            for (Sample s : batch) {
                if (offlineKept.size() == MAX_OFFLINE_KEPT) {
                    offlineKept.removeFirst();
                }
                offlineKept.addLast(s);
            }
        }
        List<EdgeMessage> out = batch.isEmpty() ? List.of() : node.onSamples(batch);
        if (publish && connected && publishAll(out)) {
            deliveredUpTo = drainedAt;
        }
    }

    private boolean publishAll(List<EdgeMessage> messages) {
        for (EdgeMessage m : messages) {
            try {
                link.publish(m.topic().toString(), SparkplugCodec.encode(m.payload()), m.qos(), m.retain());
                synchronized (this) {
                    published++;
                }
            } catch (IOException e) {
                lost(e);
                return false;
            }
        }
        return true;
    }

    /** Publishes the NDEATH, then disconnects cleanly (tck-id-operational-behavior-edge-node-intentional-disconnect-ndeath). */
    @Override
    public void close() {
        closed = true;
        worker.closeAfter(() -> {
            if (connected) {
                EdgeMessage death = node.death(bdSeq.current());
                try {
                    link.publish(death.topic().toString(), SparkplugCodec.encode(death.payload()), 1, false);
                } catch (IOException e) {
                    log.warn("edge {}: NDEATH not published: {}", node.edgeNodeId(), e.getMessage());
                }
                connected = false;
            }
            link.close();
        }, Duration.ofSeconds(30));
    }
}
