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
 * @param glitchWindow how many consecutive low readings may still be a glitch: a decrease undone
 *     within this many readings is excluded; one that lasts longer is an undeclared reset
 * @param maxRatePerHour the plausibility limit, in counter units per hour (kW for a kWh counter,
 *     m3/h for a volume counter); an increase implying more is quarantined. Infinite = no limit
 */
public record CounterSettings(double wrapSpan, double decreaseTolerance, Duration gapThreshold, int glitchWindow,
        double maxRatePerHour) {

    /** Default {@link #glitchWindow()}: up to three low readings in a row are a glitch. */
    public static final int DEFAULT_GLITCH_WINDOW = 3;

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
        if (glitchWindow < 0) {
            throw new IllegalArgumentException("glitchWindow must be >= 0, was " + glitchWindow);
        }
        if (!(maxRatePerHour > 0)) {
            throw new IllegalArgumentException("maxRatePerHour must be > 0 (infinite for no limit), was "
                    + maxRatePerHour);
        }
    }

    /** A register that wraps at {@code wrapSpan}, no jitter allowed, gaps over 30 minutes flagged, no rate limit. */
    public static CounterSettings wrappingAt(double wrapSpan) {
        return new CounterSettings(wrapSpan, 0.0, Duration.ofMinutes(30), DEFAULT_GLITCH_WINDOW,
                Double.POSITIVE_INFINITY);
    }

    public CounterSettings withGapThreshold(Duration threshold) {
        return new CounterSettings(wrapSpan, decreaseTolerance, threshold, glitchWindow, maxRatePerHour);
    }

    public CounterSettings withDecreaseTolerance(double tolerance) {
        return new CounterSettings(wrapSpan, tolerance, gapThreshold, glitchWindow, maxRatePerHour);
    }

    public CounterSettings withGlitchWindow(int readings) {
        return new CounterSettings(wrapSpan, decreaseTolerance, gapThreshold, readings, maxRatePerHour);
    }

    /** The plausibility limit in counter units per hour; infinite for none. */
    public CounterSettings withMaxRatePerHour(double limit) {
        return new CounterSettings(wrapSpan, decreaseTolerance, gapThreshold, glitchWindow, limit);
    }
}
