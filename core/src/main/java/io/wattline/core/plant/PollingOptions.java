package io.wattline.core.plant;

import java.time.Duration;

/**
 * How the collector polls one connection, as the plant file sets it (like Telegraf's per-device
 * {@code optimization} and {@code workarounds}); a null field means "the collector's default".
 * The response timeout stays {@link Connection#timeout()}.
 *
 * @param strategy        request planning: {@code none}, {@code shrink} or {@code max_insert(n)} (Modbus only;
 *                        the plant schema checks the spelling, the collector parses it)
 * @param retries         extra attempts for a request that got no answer before the device is backed off (Modbus only)
 * @param initialBackoff  first rest for a device that stopped answering; it doubles per failed probe
 * @param maxBackoff      cap of that rest
 * @param interFrameDelay extra silence between transactions on an RS-485 bus ({@code modbus-rtu} only)
 * @param probeInterval   a fixed rest between probes of a device that stopped answering, instead of
 *                        the doubling backoff: a replugged device is seen within this time at worst
 */
public record PollingOptions(String strategy, Integer retries, Duration initialBackoff, Duration maxBackoff,
        Duration interFrameDelay, Duration probeInterval) {

    /** Every option at the collector's default. */
    public static final PollingOptions DEFAULTS = new PollingOptions(null, null, null, null, null, null);

    public PollingOptions {
        if (retries != null && retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff cap " + maxBackoff + " is shorter than its start "
                    + initialBackoff);
        }
        if (probeInterval != null && (initialBackoff != null || maxBackoff != null)) {
            throw new IllegalArgumentException("give either a backoff (a doubling rest) or a probeInterval"
                    + " (a fixed rest), not both");
        }
        if (probeInterval != null && (probeInterval.isZero() || probeInterval.isNegative())) {
            throw new IllegalArgumentException("probeInterval must be positive, was " + probeInterval);
        }
    }

    /** Options without a probe interval (the doubling backoff applies). */
    public PollingOptions(String strategy, Integer retries, Duration initialBackoff, Duration maxBackoff,
            Duration interFrameDelay) {
        this(strategy, retries, initialBackoff, maxBackoff, interFrameDelay, null);
    }

    /** True when nothing is set (every option at the collector's default). */
    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    /**
     * The backoff start to use: the probe interval if set (a fixed rest); ours if set; else {@code defaultInitial}, lowered to our cap when
     * only the cap is set and it is shorter.
     */
    public Duration initialBackoffOr(Duration defaultInitial) {
        if (probeInterval != null) {
            return probeInterval;
        }
        if (initialBackoff != null) {
            return initialBackoff;
        }
        return maxBackoff != null && maxBackoff.compareTo(defaultInitial) < 0 ? maxBackoff : defaultInitial;
    }

    /**
     * The backoff cap to use: the probe interval if set (a fixed rest); ours if set; else {@code defaultMax}, raised to our start when only
     * the start is set and it is longer.
     */
    public Duration maxBackoffOr(Duration defaultMax) {
        if (probeInterval != null) {
            return probeInterval;
        }
        if (maxBackoff != null) {
            return maxBackoff;
        }
        return initialBackoff != null && initialBackoff.compareTo(defaultMax) > 0 ? initialBackoff : defaultMax;
    }
}
