package io.wattline.fleet.sparkplug;

import java.util.Objects;

/**
 * A Sparkplug B topic {@code spBv1.0/group_id/MESSAGE_TYPE/edge_node_id[/device_id]} (spec 4.1).
 * Ids are UTF-8 strings without {@code + / #} (tck-id-topic-structure-namespace-valid-*); the
 * device id is present exactly for DBIRTH, DDEATH, DDATA and DCMD.
 */
public record SparkplugTopic(String group, MessageType type, String edgeNode, String device) {

    /** The namespace element for Sparkplug B (tck-id-topic-structure-namespace-a). */
    public static final String NAMESPACE = "spBv1.0";

    public SparkplugTopic {
        Objects.requireNonNull(type, "type");
        if (type == MessageType.STATE) {
            throw new IllegalArgumentException("STATE topics (spBv1.0/STATE/host) are not edge topics");
        }
        requireId("group id", group);
        requireId("edge node id", edgeNode);
        if (type.deviceLevel()) {
            requireId("device id", device);
        } else if (device != null) {
            throw new IllegalArgumentException(type + " topics carry no device id, got '" + device + "'");
        }
    }

    public static SparkplugTopic node(String group, MessageType type, String edgeNode) {
        return new SparkplugTopic(group, type, edgeNode, null);
    }

    public static SparkplugTopic device(String group, MessageType type, String edgeNode, String device) {
        return new SparkplugTopic(group, type, edgeNode, device);
    }

    /** The subscription filter for everything in a group: {@code spBv1.0/<group>/#}. */
    public static String groupFilter(String group) {
        requireId("group id", group);
        return NAMESPACE + "/" + group + "/#";
    }

    /** Parses a topic; throws with the reason when it is not a Sparkplug B edge topic. */
    public static SparkplugTopic parse(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length < 4 || !NAMESPACE.equals(parts[0])) {
            throw new IllegalArgumentException("'" + topic + "' is not a " + NAMESPACE + "/group/TYPE/node topic");
        }
        MessageType type;
        try {
            type = MessageType.valueOf(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + topic + "': unknown Sparkplug message type '" + parts[2] + "'");
        }
        int expected = type.deviceLevel() ? 5 : 4;
        if (parts.length != expected) {
            throw new IllegalArgumentException("'" + topic + "': a " + type + " topic has " + expected + " elements");
        }
        return new SparkplugTopic(parts[1], type, parts[3], type.deviceLevel() ? parts[4] : null);
    }

    /** True when the id is a non-empty UTF-8 string without the reserved {@code + / #}. */
    public static boolean isValidId(String id) {
        return id != null && !id.isEmpty() && id.chars().noneMatch(c -> c == '+' || c == '/' || c == '#');
    }

    private static void requireId(String what, String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException(what + " '" + id + "' must be non-empty and contain none of + / #");
        }
    }

    @Override
    public String toString() {
        return NAMESPACE + "/" + group + "/" + type + "/" + edgeNode + (device == null ? "" : "/" + device);
    }
}
