package io.wattline.collector.opcua;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * Turns a monitored item's notifications into samples: status → quality with the status name as
 * the reason, raw value → the quantity's unit by the point's conversion, the PLC's own timestamp
 * (never going back behind a sample already published for the point). Runs on Milo's delivery
 * thread: converts and hands on, never blocks.
 */
final class PointValues {

    private final OpcUaConnection.Context context;
    private final BiConsumer<MonitoredPoint, String> nodeGone;

    /** @param nodeGone told when a point's node is gone from the server (its item must be created again) */
    PointValues(OpcUaConnection.Context context, BiConsumer<MonitoredPoint, String> nodeGone) {
        this.context = context;
        this.nodeGone = nodeGone;
    }

    void onValue(MonitoredPoint p, DataValue value) {
        Instant now = context.clock().instant();
        StatusCode status = value.getStatusCode();
        Quality quality = StatusQuality.quality(status);
        String reason = StatusQuality.reason(status);
        Object raw = value.getValue() == null ? null : value.getValue().getValue();
        double v;
        if (raw instanceof Number n) {
            v = p.conversion().apply(n.doubleValue());
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
        } else if (quality == Quality.GOOD && v < 0 && p.bound().point().quantity().isCounter()) {
            quality = Quality.BAD;
            reason = "negative counter reading " + v + " (a cumulative register never reads below 0)";
        }
        context.health().notified(quality == Quality.GOOD, now);
        publish(new Sample(p.bound().id(), p.stamp(timeOf(value, now), now),
                quality == Quality.BAD ? Double.NaN : v, quality, reason));
        if (PointSubscription.nodeGone(status)) {
            nodeGone.accept(p, reason);
        }
    }

    void publish(Sample sample) {
        context.bus().publish(sample);
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
}
