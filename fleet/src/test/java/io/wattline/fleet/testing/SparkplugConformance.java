package io.wattline.fleet.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks one edge node's messages, as Eclipse Tahu's decoder read them ({@link TahuDecoder}),
 * against normative statements of the Sparkplug B specification 3.0 (eclipse-sparkplug/sparkplug,
 * chapters 4 Topics, 5 Operational Behavior, 6 Payloads), each named by its tck-id. The messages
 * are in publication order; {@code wills} are the NDEATH wills registered with each CONNECT, in order.
 */
public final class SparkplugConformance {

    /** The statements checked, by chapter and tck-id. */
    public static final Map<String, String> STATEMENTS = new LinkedHashMap<>();

    static {
        s("4.1", "tck-id-topic-structure-namespace-a");
        s("4.1", "tck-id-topic-structure-namespace-device-id-associated-message-types");
        s("4.1", "tck-id-topic-structure-namespace-device-id-non-associated-message-types");
        s("4.2", "tck-id-topics-nbirth-mqtt");
        s("4.2", "tck-id-topics-nbirth-seq-num");
        s("4.2", "tck-id-topics-nbirth-timestamp");
        s("4.2", "tck-id-topics-nbirth-metrics");
        s("4.2", "tck-id-topics-nbirth-bdseq-included");
        s("4.2", "tck-id-topics-nbirth-bdseq-matching");
        s("4.2", "tck-id-topics-nbirth-bdseq-increment");
        s("4.2", "tck-id-topics-nbirth-rebirth-metric");
        s("4.2", "tck-id-topics-ndeath-payload");
        s("4.2", "tck-id-topics-ndeath-seq");
        s("4.3", "tck-id-topics-dbirth-mqtt");
        s("4.3", "tck-id-topics-dbirth-seq");
        s("4.3", "tck-id-topics-dbirth-timestamp");
        s("4.3", "tck-id-topics-dbirth-metrics");
        s("4.3", "tck-id-topics-ddata-mqtt");
        s("4.3", "tck-id-topics-ddata-seq-num");
        s("4.3", "tck-id-topics-ddata-timestamp");
        s("5", "tck-id-message-flow-edge-node-birth-publish-will-message-topic");
        s("5", "tck-id-message-flow-edge-node-birth-publish-will-message-qos");
        s("5", "tck-id-message-flow-edge-node-birth-publish-will-message-will-retained");
        s("5", "tck-id-message-flow-device-birth-publish-nbirth-wait");
        s("5", "tck-id-operational-behavior-data-commands-rebirth-name-aliases");
        s("5", "tck-id-operational-behavior-data-commands-rebirth-action-3");
        s("5", "tck-id-operational-behavior-data-publish-dbirth-values");
        s("6", "tck-id-payloads-sequence-num-always-included");
        s("6", "tck-id-payloads-sequence-num-incrementing");
        s("6", "tck-id-payloads-alias-uniqueness");
        s("6", "tck-id-payloads-alias-birth-requirement");
        s("6", "tck-id-payloads-alias-data-cmd-requirement");
        s("6", "tck-id-payloads-name-birth-data-requirement");
        s("6", "tck-id-payloads-metric-datatype-req");
        s("6", "tck-id-payloads-metric-datatype-not-req");
        s("6", "tck-id-payloads-propertyset-keys-array-size");
        s("6", "tck-id-payloads-metric-propertyvalue-type-req");
        s("6", "tck-id-payloads-propertyset-quality-value-type");
        s("6", "tck-id-payloads-propertyset-quality-value-value");
        s("6", "tck-id-payloads-dbirth-order");
        s("6", "tck-id-payloads-ddata-order");
        s("6", "tck-id-payloads-ndeath-seq");
        s("6", "tck-id-payloads-ndeath-bdseq");
    }

    private static void s(String chapter, String id) {
        STATEMENTS.put(id, chapter);
    }

    private final List<String> violations = new ArrayList<>();
    private final Set<String> exercised = new HashSet<>();

    private SparkplugConformance() {
    }

    /** Every violation found, as "tck-id: what, where"; empty when the session conforms. */
    public static SparkplugConformance check(JsonNode messages, JsonNode wills) {
        SparkplugConformance c = new SparkplugConformance();
        c.run(messages, wills);
        return c;
    }

    public List<String> violations() {
        return violations;
    }

    /** The statements that some message actually exercised (a check never reached proves nothing). */
    public Set<String> exercised() {
        return exercised;
    }

    private void expect(String id, boolean ok, String what) {
        if (!STATEMENTS.containsKey(id)) {
            throw new IllegalArgumentException("unlisted statement " + id);
        }
        exercised.add(id);
        if (!ok) {
            violations.add(id + ": " + what);
        }
    }

    private void run(JsonNode messages, JsonNode wills) {
        List<Long> willBdSeqs = new ArrayList<>();
        for (JsonNode w : wills) {
            String[] t = w.get("topic").asString().split("/");
            expect("tck-id-message-flow-edge-node-birth-publish-will-message-topic",
                    t.length == 4 && t[0].equals("spBv1.0") && t[2].equals("NDEATH"), "will topic " + w.get("topic"));
            expect("tck-id-message-flow-edge-node-birth-publish-will-message-qos", w.get("qos").asInt() == 1,
                    "will QoS " + w.get("qos"));
            expect("tck-id-message-flow-edge-node-birth-publish-will-message-will-retained",
                    !w.get("retain").asBoolean(), "will retained");
            willBdSeqs.add(death(w));
        }
        Long seq = null;
        boolean nodeBorn = false;
        boolean dataSeen = false;
        int births = 0;
        Long bdSeqOfSession = null;
        Long previousBdSeq = null;
        Map<Long, String> aliases = new HashMap<>();
        Set<String> bornDevices = new HashSet<>();
        for (JsonNode m : messages) {
            String topic = m.get("topic").asString();
            String[] t = topic.split("/");
            String type = t.length > 2 ? t[2] : "";
            JsonNode raw = m.get("raw");
            String where = " in " + type + " " + topic;
            expect("tck-id-topic-structure-namespace-a", t[0].equals("spBv1.0"), "namespace of " + topic);
            boolean deviceLevel = type.startsWith("D");
            expect(deviceLevel ? "tck-id-topic-structure-namespace-device-id-associated-message-types"
                    : "tck-id-topic-structure-namespace-device-id-non-associated-message-types",
                    t.length == (deviceLevel ? 5 : 4), "elements of " + topic);
            if (!type.equals("NDEATH")) {
                expect("tck-id-payloads-sequence-num-always-included", raw.has("seq"), "seq" + where);
            }
            switch (type) {
                case "NBIRTH" -> {
                    expect("tck-id-topics-nbirth-mqtt", m.get("qos").asInt() == 0 && !m.get("retain").asBoolean(),
                            "QoS/retain" + where);
                    expect("tck-id-topics-nbirth-seq-num", raw.path("seq").asLong(-1) == 0, "seq " + raw.get("seq") + where);
                    expect("tck-id-topics-nbirth-timestamp", raw.has("timestamp"), "timestamp" + where);
                    JsonNode bd = metric(raw, "bdSeq");
                    expect("tck-id-topics-nbirth-bdseq-included", bd != null, "bdSeq" + where);
                    long bdSeq = bd == null ? -1 : bd.path("longValue").asLong(-1);
                    // a rebirth (NCMD) keeps the bdSeq; a new connection takes the next will's
                    if (bdSeqOfSession == null || bdSeq != bdSeqOfSession) {
                        expect("tck-id-topics-nbirth-bdseq-increment",
                                previousBdSeq == null ? bdSeq == 0 : bdSeq == (previousBdSeq + 1) % 256,
                                "bdSeq " + bdSeq + " after " + previousBdSeq);
                        previousBdSeq = bdSeq;
                        births++;
                    } else {
                        expect("tck-id-operational-behavior-data-commands-rebirth-action-3", bdSeq == bdSeqOfSession,
                                "rebirth bdSeq " + bdSeq);
                    }
                    bdSeqOfSession = bdSeq;
                    expect("tck-id-topics-nbirth-bdseq-matching", willBdSeqs.size() >= births
                            && willBdSeqs.get(births - 1) == bdSeq, "bdSeq " + bdSeq + " vs wills " + willBdSeqs);
                    expect("tck-id-payloads-ndeath-bdseq", willBdSeqs.contains(bdSeq), "bdSeq " + bdSeq);
                    JsonNode rebirth = metric(raw, "Node Control/Rebirth");
                    expect("tck-id-topics-nbirth-rebirth-metric", rebirth != null && rebirth.path("datatype").asInt() == 11
                            && !rebirth.path("booleanValue").asBoolean(true), "Node Control/Rebirth" + where);
                    expect("tck-id-operational-behavior-data-commands-rebirth-name-aliases",
                            rebirth == null || !rebirth.has("alias"), "rebirth alias" + where);
                    aliases.clear();
                    bornDevices.clear();
                    birthMetrics(raw, aliases, null, where, "tck-id-topics-nbirth-metrics");
                    nodeBorn = true;
                    dataSeen = false;
                    seq = 0L;
                }
                case "DBIRTH" -> {
                    expect("tck-id-message-flow-device-birth-publish-nbirth-wait", nodeBorn, "DBIRTH before NBIRTH" + where);
                    expect("tck-id-payloads-dbirth-order", !dataSeen, "DBIRTH after data" + where);
                    expect("tck-id-topics-dbirth-mqtt", m.get("qos").asInt() == 0 && !m.get("retain").asBoolean(),
                            "QoS/retain" + where);
                    expect("tck-id-topics-dbirth-seq", next(seq, raw), "seq " + raw.get("seq") + " after " + seq + where);
                    expect("tck-id-topics-dbirth-timestamp", raw.has("timestamp"), "timestamp" + where);
                    birthMetrics(raw, aliases, t.length > 4 ? t[4] : null, where, "tck-id-topics-dbirth-metrics");
                    bornDevices.add(t.length > 4 ? t[4] : "");
                    seq = raw.path("seq").asLong();
                }
                case "DDATA", "NDATA" -> {
                    dataSeen = true;
                    expect("tck-id-payloads-ddata-order", nodeBorn
                            && (type.equals("NDATA") || bornDevices.contains(t.length > 4 ? t[4] : "")), "data before births" + where);
                    expect("tck-id-topics-ddata-mqtt", m.get("qos").asInt() == 0 && !m.get("retain").asBoolean(),
                            "QoS/retain" + where);
                    expect("tck-id-topics-ddata-seq-num", next(seq, raw), "seq " + raw.get("seq") + " after " + seq + where);
                    expect("tck-id-payloads-sequence-num-incrementing", next(seq, raw), "seq" + where);
                    expect("tck-id-topics-ddata-timestamp", raw.has("timestamp"), "timestamp" + where);
                    for (JsonNode metric : raw.path("metrics")) {
                        expect("tck-id-payloads-alias-data-cmd-requirement", metric.has("alias") && !metric.has("name")
                                && aliases.containsKey(metric.get("alias").asLong()), "alias/name " + metric + where);
                        expect("tck-id-payloads-name-birth-data-requirement", metric.has("timestamp"),
                                "metric timestamp" + where);
                        expect("tck-id-payloads-metric-datatype-not-req", !metric.has("datatype"), "datatype" + where);
                        properties(metric, false, where);
                    }
                    seq = raw.path("seq").asLong();
                }
                case "NDEATH" -> {
                    expect("tck-id-topics-ndeath-seq", !raw.has("seq"), "seq" + where);
                    expect("tck-id-payloads-ndeath-seq", !raw.has("seq"), "seq" + where);
                    expect("tck-id-topics-ndeath-payload", raw.path("metrics").size() == 1
                            && "bdSeq".equals(raw.path("metrics").path(0).path("name").asString()), "metrics" + where);
                    expect("tck-id-payloads-ndeath-bdseq", bdSeqOfSession != null && death(m) == bdSeqOfSession,
                            "bdSeq " + death(m) + " vs " + bdSeqOfSession);
                    nodeBorn = false;
                }
                default -> violations.add("unexpected message type " + type + " on " + topic);
            }
        }
    }

    private static boolean next(Long previous, JsonNode raw) {
        return previous != null && raw.has("seq") && raw.get("seq").asLong() == (previous + 1) % 256;
    }

    private long death(JsonNode m) {
        JsonNode bd = metric(m.get("raw"), "bdSeq");
        return bd == null ? -1 : bd.path("longValue").asLong(-1);
    }

    private void birthMetrics(JsonNode raw, Map<Long, String> aliases, String device, String where, String metricsId) {
        for (JsonNode metric : raw.path("metrics")) {
            String name = metric.path("name").asString(null);
            boolean hasValue = (metric.has("doubleValue") || metric.has("longValue")
                    || metric.has("intValue") || metric.has("booleanValue") || metric.has("stringValue")
                    || metric.has("floatValue"));
            expect(metricsId, name != null && metric.has("datatype") && (hasValue || metric.path("isNull").asBoolean()),
                    "name, datatype and value of " + metric + where);
            expect("tck-id-operational-behavior-data-publish-dbirth-values",
                    hasValue != metric.path("isNull").asBoolean(false), "value xor is_null of " + name + where);
            expect("tck-id-payloads-metric-datatype-req", metric.has("datatype"), "datatype of " + name + where);
            expect("tck-id-payloads-name-birth-data-requirement", metric.has("timestamp"), "timestamp of " + name + where);
            if (!"Node Control/Rebirth".equals(name)) {
                expect("tck-id-payloads-alias-birth-requirement", metric.has("alias"), "alias of " + name + where);
            }
            if (metric.has("alias")) {
                String owner = (device == null ? "" : device + "/") + name;
                String before = aliases.put(metric.get("alias").asLong(), owner);
                expect("tck-id-payloads-alias-uniqueness", before == null || before.equals(owner),
                        "alias " + metric.get("alias") + " of " + owner + " and " + before);
            }
            properties(metric, true, where);
        }
    }

    private void properties(JsonNode metric, boolean birth, String where) {
        JsonNode props = metric.get("properties");
        if (props == null) {
            return;
        }
        JsonNode keys = props.path("keys");
        JsonNode values = props.path("values");
        expect("tck-id-payloads-propertyset-keys-array-size", keys.size() == values.size(), "property set" + where);
        for (int i = 0; i < keys.size(); i++) {
            JsonNode v = values.path(i);
            if (birth) {
                expect("tck-id-payloads-metric-propertyvalue-type-req", v.has("type"), "type of " + keys.get(i) + where);
            }
            if ("Quality".equals(keys.get(i).asString())) {
                expect("tck-id-payloads-propertyset-quality-value-type", v.path("type").asInt() == 3, "Quality type" + where);
                int q = v.path("intValue").asInt(-1);
                expect("tck-id-payloads-propertyset-quality-value-value", v.has("intValue") && (q == 0 || q == 192 || q == 500),
                        "Quality value " + v + where);
            }
        }
    }

    private static JsonNode metric(JsonNode raw, String name) {
        for (JsonNode m : raw.path("metrics")) {
            if (name.equals(m.path("name").asString(null))) {
                return m;
            }
        }
        return null;
    }
}
