package io.wattline.collector.plan;

import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import java.util.List;
import java.util.Objects;

/**
 * One Modbus read: {@code count} registers (or bits) of {@code function} from PDU address
 * {@code start}, and the points whose values the response carries, in address order.
 */
public record ReadRequest(RegisterFunction function, int start, int count, List<PointDefinition> points) {

    public ReadRequest {
        Objects.requireNonNull(function, "function");
        points = List.copyOf(points);
        if (start < 0 || count < 1) {
            throw new IllegalArgumentException("read of " + count + " at " + start + " is empty or negative");
        }
        for (PointDefinition p : points) {
            if (p.function() != function || p.address() < start || p.end() > start + count) {
                throw new IllegalArgumentException("point " + p.name() + " (" + p.function() + " "
                        + p.address() + ".." + (p.end() - 1) + ") is outside read " + function
                        + " " + start + "+" + count);
            }
        }
    }

    /** One past the last address read. */
    public int end() {
        return start + count;
    }

    /** Index of {@code point}'s first register within the response. */
    public int indexOf(PointDefinition point) {
        return point.address() - start;
    }
}
