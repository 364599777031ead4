package io.wattline.core.device;

/** How a device's communication stands, as the health page and the {@code comm_state} point show it. */
public enum DeviceState {
    /** Answers, and nearly every recent request succeeded. */
    ONLINE,
    /** Answers, but recent requests failed too (exception codes, CRC errors, occasional timeouts). */
    DEGRADED,
    /** Does not answer: backed off, probed now and then with one small read. */
    OFFLINE,
    /** Not polled: its connection's transport is not available. */
    DISABLED;

    /** The number the {@code comm_state} point carries: 0 ONLINE, 1 DEGRADED, 2 OFFLINE, 3 DISABLED. */
    public int code() {
        return ordinal();
    }
}
