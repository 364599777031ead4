package io.wattline.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of one point. {@code value} is in the canonical unit of the point's {@link Quantity};
 * for a BAD sample it is NaN and {@code reason} says why (timeout, exception code, CRC error...).
 */
public record Sample(PointId point, Instant time, double value, Quality quality, String reason) {

    public Sample {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(quality, "quality");
        reason = reason == null ? "" : reason;
        if (quality == Quality.GOOD && !Double.isFinite(value)) {
            throw new IllegalArgumentException("GOOD sample of " + point + " has non-finite value " + value);
        }
    }

    public static Sample good(PointId point, Instant time, double value) {
        return new Sample(point, time, value, Quality.GOOD, "");
    }

    public static Sample bad(PointId point, Instant time, String reason) {
        return new Sample(point, time, Double.NaN, Quality.BAD, reason);
    }

    public boolean isGood() {
        return quality == Quality.GOOD;
    }
}
