package io.wattline.fleet.central;

import io.wattline.core.Quality;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.sparkplug.MessageType;
import io.wattline.fleet.sparkplug.Metric;
import io.wattline.fleet.sparkplug.SequenceNumbers;
import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.fleet.sparkplug.SparkplugTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The central node's picture of every edge node, device and point of its groups, built from
 * Sparkplug births, data and deaths only (a Sparkplug host application, spec 5). A death turns every
 * metric of the node (or device) stale with the reason and time, never silently old; data from a
 * node or device that has not been born, or out of sequence, asks for a rebirth. Historical metrics
 * (store-and-forward backlog) never overwrite live values. Thread-safe.
 */
public final class FleetView {

    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private long messages;
    private long historical;
    private long rejected;
    private long applied;

    /**
     * Applies one message received at {@code at}. Returns the node whose rebirth must be requested
     * (its NCMD topic), if any. A topic or payload that is not Sparkplug B is counted and ignored.
     */
    public synchronized Optional<SparkplugTopic> accept(String topic, byte[] bytes, Instant at) {
        SparkplugTopic t;
        SparkplugPayload p;
        try {
            t = SparkplugTopic.parse(topic);
            p = io.wattline.fleet.sparkplug.SparkplugCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            rejected++;
            return Optional.empty();
        }
        messages++;
        String key = t.group() + "/" + t.edgeNode();
        NodeState node = nodes.get(key);
        switch (t.type()) {
            case NBIRTH -> {
                node = new NodeState(t.group(), t.edgeNode());
                NodeState previous = nodes.put(key, node);
                node.born(p, at, previous);
                return Optional.empty();
            }
            case NDEATH -> {
                Metric bd = p.metric(SparkplugEdgeNode.BD_SEQ);
                // A will from an older session (its bdSeq differs) says nothing about the current one.
                if (node != null && node.online && bd != null && bd.doubleValue() == node.bdSeq) {
                    node.died(at, "edge node " + t.edgeNode() + " offline (NDEATH, bdSeq " + node.bdSeq + ")");
                }
                return Optional.empty();
            }
            case NCMD, DCMD -> {
                return Optional.empty();
            }
            default -> {
                // DBIRTH, DDATA, DDEATH, NDATA
            }
        }
        if (node == null || !node.online) {
            return Optional.of(rebirthTopic(t));
        }
        boolean inOrder = p.seq() != null && SequenceNumbers.follows(node.lastSeq, p.seq());
        if (p.seq() != null) {
            node.lastSeq = p.seq();
        }
        switch (t.type()) {
            case DBIRTH -> node.deviceBorn(t.device(), p, at);
            case DDEATH -> node.deviceDied(t.device(), at, "device " + t.device() + " offline (DDEATH)");
            case NDATA -> node.nodeData(p);
            case DDATA -> {
                if (!node.deviceData(t.device(), p, this)) {
                    return Optional.of(rebirthTopic(t));
                }
            }
            default -> {
            }
        }
        return inOrder ? Optional.empty() : Optional.of(rebirthTopic(t));
    }

    /** The central lost the broker: everything it shows is stale until the births come again. */
    public synchronized void hostOffline(Instant at, String reason) {
        nodes.values().forEach(n -> {
            if (n.online) {
                n.died(at, reason);
            }
        });
    }

    public synchronized List<FleetPoint> points() {
        List<FleetPoint> out = new ArrayList<>();
        for (NodeState n : nodes.values()) {
            for (Map.Entry<String, Map<String, PointState>> d : n.devices.entrySet()) {
                for (Map.Entry<String, PointState> m : d.getValue().entrySet()) {
                    PointState s = m.getValue();
                    out.add(new FleetPoint(n.site, n.edgeNode, d.getKey(), m.getKey(), s.meterName, s.quantity, s.unit,
                            s.value, s.time, s.quality, s.reason));
                }
            }
        }
        out.sort(Comparator.comparing(FleetPoint::site).thenComparing(FleetPoint::edgeNode)
                .thenComparing(FleetPoint::device).thenComparing(FleetPoint::metric));
        return out;
    }

    public synchronized List<FleetNode> nodes() {
        return nodes.values().stream().map(n -> new FleetNode(n.group, n.edgeNode, n.site, n.online, n.since,
                n.bdSeq, n.devices.size(), n.reason)).toList();
    }

    public synchronized List<FleetAlarm> alarms() {
        List<FleetAlarm> out = new ArrayList<>();
        for (NodeState n : nodes.values()) {
            n.alarmStates.forEach((id, state) -> out.add(new FleetAlarm(n.site, n.edgeNode, id, state.state,
                    state.priority, state.time, !n.online)));
        }
        return out;
    }

    /** Messages applied, historical metrics received, messages that were not Sparkplug B, live metrics applied. */
    public synchronized long[] counts() {
        return new long[] {messages, historical, rejected, applied};
    }

    private static SparkplugTopic rebirthTopic(SparkplugTopic t) {
        return SparkplugTopic.node(t.group(), MessageType.NCMD, t.edgeNode());
    }

    static Quality quality(Metric m) {
        return switch (m.quality()) {
            case Metric.QUALITY_GOOD -> m.isNull() ? Quality.BAD : Quality.GOOD;
            case Metric.QUALITY_STALE -> Quality.UNCERTAIN;
            default -> Quality.BAD;
        };
    }

    private static final class PointState {
        String meterName;
        String quantity;
        String unit;
        Double value;
        Instant time;
        Quality quality;
        String reason;

        void update(Metric m) {
            double v = m.doubleValue();
            value = Double.isFinite(v) ? v : null;
            time = m.timestamp();
            quality = quality(m);
            reason = quality == Quality.GOOD ? null : m.isNull() ? "no value at the edge" : "quality " + m.quality() + " at the edge";
        }
    }

    private static final class AlarmState {
        String state = "NORMAL";
        int priority;
        Instant time;
    }

    private static final class NodeState {
        final String group;
        final String edgeNode;
        String site = "";
        boolean online;
        Instant since;
        long bdSeq = -1;
        long lastSeq;
        String reason;
        final Map<String, Map<String, PointState>> devices = new LinkedHashMap<>();
        /** alias to {device, metric}; node metrics have a null device. */
        final Map<Long, String[]> aliases = new HashMap<>();
        final Map<String, AlarmState> alarmStates = new LinkedHashMap<>();

        NodeState(String group, String edgeNode) {
            this.group = group;
            this.edgeNode = edgeNode;
        }

        void born(SparkplugPayload p, Instant at, NodeState previous) {
            online = true;
            since = at;
            lastSeq = p.seq() == null ? 0 : p.seq();
            Metric bd = p.metric(SparkplugEdgeNode.BD_SEQ);
            bdSeq = bd == null ? -1 : (long) bd.doubleValue();
            if (previous != null) {
                // keep the last known values (stale) until the DBIRTHs replace them
                devices.putAll(previous.devices);
            }
            for (Metric m : p.metrics()) {
                if (m.alias() != null && m.name() != null) {
                    aliases.put(m.alias(), new String[] {null, m.name()});
                }
                nodeMetric(m.name(), m);
            }
        }

        void nodeMetric(String name, Metric m) {
            if (name == null) {
                return;
            }
            if (name.equals(SparkplugEdgeNode.SITE) && m.value() instanceof String s) {
                site = s;
            } else if (name.startsWith("Alarms/") && name.endsWith("/State")) {
                AlarmState a = alarmStates.computeIfAbsent(name.substring(7, name.length() - 6), k -> new AlarmState());
                a.state = String.valueOf(m.value());
                a.time = m.timestamp();
            } else if (name.startsWith("Alarms/") && name.endsWith("/Priority")) {
                AlarmState a = alarmStates.computeIfAbsent(name.substring(7, name.length() - 9), k -> new AlarmState());
                a.priority = (int) m.doubleValue();
            }
        }

        void nodeData(SparkplugPayload p) {
            for (Metric m : p.metrics()) {
                String[] ref = m.alias() == null ? null : aliases.get(m.alias());
                nodeMetric(m.name() != null ? m.name() : ref == null ? null : ref[1], m);
            }
        }

        void deviceBorn(String device, SparkplugPayload p, Instant at) {
            Map<String, PointState> points = new LinkedHashMap<>();
            for (Metric m : p.metrics()) {
                if (m.name() == null) {
                    continue;
                }
                if (m.alias() != null) {
                    aliases.put(m.alias(), new String[] {device, m.name()});
                }
                PointState s = new PointState();
                s.meterName = string(m, SparkplugEdgeNode.METER_NAME, device);
                s.quantity = string(m, SparkplugEdgeNode.QUANTITY, "");
                s.unit = string(m, SparkplugEdgeNode.ENG_UNIT, "");
                s.update(m);
                if (m.isNull() && m.quality() == Metric.QUALITY_GOOD) {
                    s.quality = null; // born without a value yet
                    s.reason = null;
                    s.time = null;
                }
                points.put(m.name(), s);
            }
            devices.put(device, points);
        }

        boolean deviceData(String device, SparkplugPayload p, FleetView view) {
            Map<String, PointState> points = devices.get(device);
            if (points == null) {
                return false;
            }
            for (Metric m : p.metrics()) {
                String name = m.name();
                if (name == null) {
                    String[] ref = m.alias() == null ? null : aliases.get(m.alias());
                    if (ref == null || !device.equals(ref[0])) {
                        return false;
                    }
                    name = ref[1];
                }
                if (m.historical()) {
                    view.historical++;
                    continue;
                }
                PointState s = points.get(name);
                if (s == null) {
                    return false;
                }
                s.update(m);
                view.applied++;
            }
            return true;
        }

        void deviceDied(String device, Instant at, String why) {
            Map<String, PointState> points = devices.get(device);
            if (points != null) {
                points.values().forEach(s -> stale(s, at, why));
            }
        }

        void died(Instant at, String why) {
            online = false;
            since = at;
            reason = why + " since " + at;
            devices.values().forEach(points -> points.values().forEach(s -> stale(s, at, why)));
        }

        private static void stale(PointState s, Instant at, String why) {
            if (s.quality != Quality.BAD) {
                s.quality = Quality.UNCERTAIN;
            }
            s.reason = "stale: " + why + " since " + at;
        }

        private static String string(Metric m, String property, String fallback) {
            Metric.PropertyValue v = m.properties().get(property);
            return v != null && v.value() instanceof String s ? s : fallback;
        }
    }

}
