package io.wattline.analytics.consumption;

import java.time.Duration;
import java.util.Objects;

/**
 * How to read one counter point.
 *
 * @param wrapSpan value added at each rollover: (raw maximum + 1) × scale, as
 *     {@code PointDefinition.wrapSpan()} gives it; 0 for a register that never wraps (FLOAT32)
 * @param decreaseTolerance decreases up to this size are meter jitter, kept as read
 * @param gapThreshold readings further apart than this are a gap (bridged, and flagged)
 */
public record CounterSettings(double wrapSpan, double decreaseTolerance, Duration gapThreshold) {

    public CounterSettings {
        if (!(wrapSpan >= 0) || !Double.isFinite(wrapSpan)) {
            throw new IllegalArgumentException("wrapSpan must be finite and >= 0, was " + wrapSpan);
        }
        if (!(decreaseTolerance >= 0)) {
            throw new IllegalArgumentException("decreaseTolerance must be >= 0, was " + decreaseTolerance);
        }
        Objects.requireNonNull(gapThreshold, "gapThreshold");
        if (gapThreshold.isNegative() || gapThreshold.isZero()) {
            throw new IllegalArgumentException("gapThreshold must be positive, was " + gapThreshold);
        }
    }

    /** A register that wraps at {@code wrapSpan}, no jitter allowed, gaps over 30 minutes flagged. */
    public static CounterSettings wrappingAt(double wrapSpan) {
        return new CounterSettings(wrapSpan, 0.0, Duration.ofMinutes(30));
    }

    public CounterSettings withGapThreshold(Duration threshold) {
        return new CounterSettings(wrapSpan, decreaseTolerance, threshold);
    }

    public CounterSettings withDecreaseTolerance(double tolerance) {
        return new CounterSettings(wrapSpan, tolerance, gapThreshold);
    }
}
