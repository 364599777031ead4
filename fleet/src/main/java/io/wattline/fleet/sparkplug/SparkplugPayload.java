package io.wattline.fleet.sparkplug;

import java.time.Instant;
import java.util.List;

/**
 * A Sparkplug B payload: send time, metrics and the edge node's sequence number (null where the
 * spec forbids one: NDEATH, NCMD, DCMD).
 */
public record SparkplugPayload(Instant timestamp, List<Metric> metrics, Long seq) {

    public SparkplugPayload {
        metrics = List.copyOf(metrics);
        if (seq != null && (seq < 0 || seq > 255)) {
            throw new IllegalArgumentException("seq must be 0..255, was " + seq);
        }
    }

    /** The first metric with this name, or null. */
    public Metric metric(String name) {
        return metrics.stream().filter(m -> name.equals(m.name())).findFirst().orElse(null);
    }
}
