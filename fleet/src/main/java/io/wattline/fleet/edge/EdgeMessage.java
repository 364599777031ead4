package io.wattline.fleet.edge;

import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.fleet.sparkplug.SparkplugTopic;

/** One MQTT publication the edge node makes: births and data at QoS 0, not retained (spec 4.2, 4.3). */
public record EdgeMessage(SparkplugTopic topic, SparkplugPayload payload, int qos, boolean retain) {

    public static EdgeMessage qos0(SparkplugTopic topic, SparkplugPayload payload) {
        return new EdgeMessage(topic, payload, 0, false);
    }
}
