package io.wattline.fleet.edge;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.fleet.sparkplug.DataType;
import io.wattline.fleet.sparkplug.MessageType;
import io.wattline.fleet.sparkplug.Metric;
import io.wattline.fleet.sparkplug.Metric.PropertyValue;
import io.wattline.fleet.sparkplug.SequenceNumbers;
import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.fleet.sparkplug.SparkplugTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Wattline edge as a Sparkplug B edge node, each meter a device: what to publish, never how.
 * Births carry every catalogued point with name, alias, datatype, unit ({@code engUnit}) and
 * quantity; data messages carry aliases only, values that moved past the deadband, and the
 * Quality property when a value is not GOOD. Not thread-safe: {@link EdgePublisher} calls it from
 * one thread so sequence numbers follow publication order.
 */
public final class SparkplugEdgeNode {

    public static final String BD_SEQ = "bdSeq";
    public static final String REBIRTH = "Node Control/Rebirth";
    public static final String SITE = "Wattline/Site";
    public static final String ENG_UNIT = "engUnit";
    public static final String QUANTITY = "quantity";
    public static final String METER_NAME = "meterName";
    /** Historical backlog goes out in chunks of this many metrics per DDATA. */
    static final int HISTORY_CHUNK = 500;

    private final String group;
    private final String edgeNode;
    private final String site;
    private final Map<String, List<CataloguedPoint>> devices = new LinkedHashMap<>();
    private final Map<PointId, CataloguedPoint> points = new HashMap<>();
    private final Map<PointId, Long> aliases = new HashMap<>();
    private final Map<String, Long> nodeAliases = new LinkedHashMap<>();
    private final Deadband deadband;
    private final Clock clock;
    private final SequenceNumbers seq = new SequenceNumbers();
    private final Map<PointId, Sample> latest = new HashMap<>();
    private final Map<PointId, Sample> published = new HashMap<>();
    private final Map<String, AlarmMetric> alarms = new LinkedHashMap<>();
    private boolean born;
    /** Devices whose DDEATH went out since the last birth: no DDATA until their DBIRTH. */
    private final java.util.Set<String> deadDevices = new java.util.HashSet<>();

    public SparkplugEdgeNode(String group, String edgeNode, String site, Collection<CataloguedPoint> catalogue,
            Collection<String> alarmIds, Deadband deadband, Clock clock) {
        this.group = group;
        this.edgeNode = edgeNode;
        this.site = site == null ? "" : site;
        this.deadband = deadband;
        this.clock = clock;
        SparkplugTopic.node(group, MessageType.NBIRTH, edgeNode); // validates the ids
        long alias = 1;
        nodeAliases.put(BD_SEQ, alias++);
        nodeAliases.put(SITE, alias++);
        for (String id : alarmIds) {
            AlarmMetric normal = new AlarmMetric(id, "NORMAL", 0, null);
            alarms.put(id, normal);
            nodeAliases.put(normal.stateName(), alias++);
            nodeAliases.put(normal.priorityName(), alias++);
        }
        for (CataloguedPoint p : catalogue) {
            devices.computeIfAbsent(p.id().device(), d -> new ArrayList<>()).add(p);
            points.put(p.id(), p);
            aliases.put(p.id(), alias++);
        }
    }

    public String group() {
        return group;
    }

    public String edgeNodeId() {
        return edgeNode;
    }

    public Collection<PointId> pointIds() {
        return points.keySet();
    }

    /** The NDEATH: the bdSeq metric only, no sequence number; registered as the CONNECT's will. */
    public EdgeMessage death(long bdSeq) {
        Instant now = clock.instant();
        Metric bd = Metric.of(BD_SEQ, null, now, DataType.INT64, bdSeq);
        return new EdgeMessage(SparkplugTopic.node(group, MessageType.NDEATH, edgeNode),
                new SparkplugPayload(now, List.of(bd), null), 1, false);
    }

    /** NBIRTH (seq 0) then a DBIRTH per device, with the latest value of every metric. */
    public List<EdgeMessage> birth(long bdSeq) {
        Instant now = clock.instant();
        List<EdgeMessage> out = new ArrayList<>();
        List<Metric> node = new ArrayList<>();
        node.add(Metric.of(BD_SEQ, nodeAliases.get(BD_SEQ), now, DataType.INT64, bdSeq));
        // The rebirth metric carries no alias (tck-id-operational-behavior-data-commands-rebirth-name-aliases).
        node.add(Metric.of(REBIRTH, null, now, DataType.BOOLEAN, false));
        node.add(Metric.of(SITE, nodeAliases.get(SITE), now, DataType.STRING, site));
        for (AlarmMetric a : alarms.values()) {
            node.addAll(alarmMetrics(a, now, true));
        }
        out.add(EdgeMessage.qos0(SparkplugTopic.node(group, MessageType.NBIRTH, edgeNode),
                new SparkplugPayload(now, node, seq.birth())));
        for (String device : devices.keySet()) {
            out.add(deviceBirth(device, now));
        }
        deadDevices.clear();
        born = true;
        return out;
    }

    private EdgeMessage deviceBirth(String device, Instant now) {
        List<Metric> metrics = new ArrayList<>();
        for (CataloguedPoint p : devices.get(device)) {
            Sample s = latest.get(p.id());
            metrics.add(birthMetric(p, s, now));
            if (s != null) {
                published.put(p.id(), s);
            }
        }
        return EdgeMessage.qos0(SparkplugTopic.device(group, MessageType.DBIRTH, edgeNode, device),
                new SparkplugPayload(now, metrics, seq.next()));
    }

    /**
     * A meter stopped answering: its DDEATH (none before a birth, for an unknown meter, or when it
     * is already dead). Its points send nothing more until a GOOD reading brings its DBIRTH.
     */
    public List<EdgeMessage> deviceOffline(String device) {
        if (!born || !devices.containsKey(device) || !deadDevices.add(device)) {
            return List.of();
        }
        Instant now = clock.instant();
        return List.of(EdgeMessage.qos0(SparkplugTopic.device(group, MessageType.DDEATH, edgeNode, device),
                new SparkplugPayload(now, List.of(), seq.next())));
    }

    private Metric birthMetric(CataloguedPoint p, Sample s, Instant now) {
        Map<String, PropertyValue> props = new LinkedHashMap<>();
        if (!p.unit().isEmpty()) {
            props.put(ENG_UNIT, PropertyValue.string(p.unit()));
        }
        props.put(QUANTITY, PropertyValue.string(p.quantity().name()));
        props.put(METER_NAME, PropertyValue.string(p.meterName()));
        Double value = s == null || !Double.isFinite(s.value()) ? null : s.value();
        if (s != null && s.quality() != Quality.GOOD) {
            props.put(Metric.QUALITY, PropertyValue.int32(qualityCode(s.quality())));
        }
        return new Metric(p.id().point(), aliases.get(p.id()), s == null ? now : s.time(), DataType.DOUBLE, false,
                value == null, props, value);
    }

    /** Remembers the samples and returns the DDATA for those that changed past the deadband (none before a birth). */
    public List<EdgeMessage> onSamples(Collection<Sample> samples) {
        Map<String, List<Metric>> byDevice = new LinkedHashMap<>();
        List<String> revived = new ArrayList<>();
        samples.stream().sorted(Comparator.comparing(Sample::time)).forEach(s -> {
            CataloguedPoint p = points.get(s.point());
            if (p == null) {
                return;
            }
            latest.put(s.point(), s);
            String device = s.point().device();
            if (deadDevices.contains(device)) {
                if (s.quality() != Quality.GOOD) {
                    return;
                }
                // back: its DBIRTH (below, with this and every latest value) goes out before any DDATA
                deadDevices.remove(device);
                revived.add(device);
                return;
            }
            if (revived.contains(device)) {
                return;
            }
            Sample last = published.get(s.point());
            if (!born || (last != null && last.quality() == s.quality()
                    && !deadband.exceeded(s.point(), p.quantity(), last.value(), s.value()))) {
                return;
            }
            published.put(s.point(), s);
            byDevice.computeIfAbsent(s.point().device(), d -> new ArrayList<>()).add(dataMetric(s, false));
        });
        if (revived.isEmpty()) {
            return data(byDevice);
        }
        Instant now = clock.instant();
        List<EdgeMessage> out = new ArrayList<>();
        revived.forEach(d -> out.add(deviceBirth(d, now)));
        out.addAll(data(byDevice));
        return out;
    }

    /** The backlog collected while offline, as DDATA with {@code is_historical} in time order. */
    public List<EdgeMessage> history(List<Sample> samples) {
        if (!born) {
            throw new IllegalStateException("history goes out after the births");
        }
        Map<String, List<Metric>> byDevice = new LinkedHashMap<>();
        samples.stream().filter(s -> points.containsKey(s.point())).sorted(Comparator.comparing(Sample::time))
                .forEach(s -> byDevice.computeIfAbsent(s.point().device(), d -> new ArrayList<>())
                        .add(dataMetric(s, true)));
        Map<String, List<Metric>> chunked = new LinkedHashMap<>();
        List<EdgeMessage> out = new ArrayList<>();
        for (Map.Entry<String, List<Metric>> e : byDevice.entrySet()) {
            List<Metric> all = e.getValue();
            for (int i = 0; i < all.size(); i += HISTORY_CHUNK) {
                chunked.clear();
                chunked.put(e.getKey(), all.subList(i, Math.min(all.size(), i + HISTORY_CHUNK)));
                out.addAll(data(chunked));
            }
        }
        return out;
    }

    /** An alarm's new state as NDATA (nothing before a birth: the birth carries it). */
    public List<EdgeMessage> onAlarm(AlarmMetric alarm) {
        if (!alarms.containsKey(alarm.alarmId())) {
            return List.of();
        }
        alarms.put(alarm.alarmId(), alarm);
        if (!born) {
            return List.of();
        }
        Instant now = clock.instant();
        return List.of(EdgeMessage.qos0(SparkplugTopic.node(group, MessageType.NDATA, edgeNode),
                new SparkplugPayload(now, alarmMetrics(alarm, now, false), seq.next())));
    }

    /** The connection is gone: the next messages follow a new birth. */
    public void offline() {
        born = false;
    }

    /** True for an NCMD asking for a rebirth ({@code Node Control/Rebirth} = true). */
    public static boolean isRebirthRequest(SparkplugPayload ncmd) {
        Metric m = ncmd.metric(REBIRTH);
        return m != null && Boolean.TRUE.equals(m.value());
    }

    private List<Metric> alarmMetrics(AlarmMetric a, Instant now, boolean birth) {
        Instant t = a.time() == null ? now : a.time();
        return List.of(
                new Metric(birth ? a.stateName() : null, nodeAliases.get(a.stateName()), t,
                        birth ? DataType.STRING : null, false, false, null, a.state()),
                new Metric(birth ? a.priorityName() : null, nodeAliases.get(a.priorityName()), t,
                        birth ? DataType.INT32 : null, false, false, null, (long) a.priority()));
    }

    private Metric dataMetric(Sample s, boolean historical) {
        boolean hasValue = Double.isFinite(s.value());
        Map<String, PropertyValue> props = s.quality() == Quality.GOOD ? Map.of()
                : Map.of(Metric.QUALITY, PropertyValue.int32(qualityCode(s.quality())));
        return new Metric(null, aliases.get(s.point()), s.time(), null, historical, !hasValue, props,
                hasValue ? s.value() : null);
    }

    private List<EdgeMessage> data(Map<String, List<Metric>> byDevice) {
        Instant now = clock.instant();
        List<EdgeMessage> out = new ArrayList<>();
        byDevice.forEach((device, metrics) -> out.add(EdgeMessage.qos0(
                SparkplugTopic.device(group, MessageType.DDATA, edgeNode, device),
                new SparkplugPayload(now, metrics, seq.next()))));
        return out;
    }

    /** Wattline's quality to Sparkplug's code: GOOD 192, BAD 0; UNCERTAIN (stale) is 500. */
    public static int qualityCode(Quality q) {
        return switch (q) {
            case GOOD -> Metric.QUALITY_GOOD;
            case BAD -> Metric.QUALITY_BAD;
            case UNCERTAIN -> Metric.QUALITY_STALE;
        };
    }
}
