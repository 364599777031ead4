package io.wattline.collector.poll;

import io.wattline.collector.plan.ReadRequest;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.codec.RegisterCodec;
import java.time.Instant;

/** Turns the response to one planned read into one sample per point it carries. */
public final class PointDecoder {

    private PointDecoder() {
    }

    /**
     * Sample of {@code point} from {@code values} (the response to {@code request}), stamped
     * {@code time}. A value that decodes to NaN or infinity (a float register holding garbage), or a
     * negative reading of a counter, gives a BAD sample rather than a GOOD one nobody can use.
     */
    public static Sample decode(String meterId, ReadRequest request, PointDefinition point, int[] values,
            Instant time) {
        return decode(meterId, -1, request, point, values, time);
    }

    /**
     * The same; a BAD sample's reason also names where the value came from ({@code unitId}, function,
     * the point's address and length) when {@code unitId} is not negative.
     */
    public static Sample decode(String meterId, int unitId, ReadRequest request, PointDefinition point, int[] values,
            Instant time) {
        PointId id = new PointId(meterId, point.name());
        int index = request.indexOf(point);
        double value;
        if (point.function().isBit()) {
            // Coils and discrete inputs carry one bit per address; the register codec does not apply.
            value = values[index] * point.scale() + point.offset();
        } else {
            value = RegisterCodec.decode(point, values, index);
        }
        if (!Double.isFinite(value)) {
            return Sample.bad(id, time, "non-finite value " + value + (unitId < 0 ? ""
                    : " from " + FailureReason.request(unitId, point.function(), point.address(), point.length())));
        }
        if (value < 0 && point.quantity().isCounter()) {
            return Sample.bad(id, time, "negative counter reading " + value + " (a cumulative register never reads "
                    + "below 0)" + (unitId < 0 ? ""
                    : " from " + FailureReason.request(unitId, point.function(), point.address(), point.length())));
        }
        return Sample.good(id, time, value);
    }
}
