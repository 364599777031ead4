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
 */
public record PollingOptions(String strategy, Integer retries, Duration initialBackoff, Duration maxBackoff,
        Duration interFrameDelay) {

    /** Every option at the collector's default. */
    public static final PollingOptions DEFAULTS = new PollingOptions(null, null, null, null, null);

    public PollingOptions {
        if (retries != null && retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff cap " + maxBackoff + " is shorter than its start "
                    + initialBackoff);
        }
    }

    /** True when nothing is set (every option at the collector's default). */
    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    /**
     * The backoff start to use: ours if set; else {@code defaultInitial}, lowered to our cap when
     * only the cap is set and it is shorter.
     */
    public Duration initialBackoffOr(Duration defaultInitial) {
        if (initialBackoff != null) {
            return initialBackoff;
        }
        return maxBackoff != null && maxBackoff.compareTo(defaultInitial) < 0 ? maxBackoff : defaultInitial;
    }

    /**
     * The backoff cap to use: ours if set; else {@code defaultMax}, raised to our start when only
     * the start is set and it is longer.
     */
    public Duration maxBackoffOr(Duration defaultMax) {
        if (maxBackoff != null) {
            return maxBackoff;
        }
        return initialBackoff != null && initialBackoff.compareTo(defaultMax) > 0 ? initialBackoff : defaultMax;
    }
}
