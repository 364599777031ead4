package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.device.DeviceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Communication health of one OPC UA connection, kept per session attempt and notification;
 * reported per device as a {@link DeviceHealth} like the Modbus side (figures not known yet are
 * null, never NaN), and told to the listener for each of the connection's devices whenever the
 * state or the error reason changes. Thread-safe.
 */
final class OpcUaConnectionHealth {

    // Large enough to hold one publish response of a big subscription (latency of its notifications).
    private static final int WINDOW = 4096;
    /** Below this share of good notifications a connected device shows DEGRADED. */
    private static final double DEGRADED_BELOW = 0.9;

    private final String connectionId;
    private final List<String> meterIds;
    private final DeviceHealthListener listener;
    private DeviceState state = DeviceState.OFFLINE;
    private String lastError;
    private Instant lastErrorTime;
    private Instant lastGoodTime;
    private Instant nextAttempt;
    private int consecutiveFailures;
    private long attempts;
    private long failedAttempts;
    private long notifications;
    private long badNotifications;
    private final double[] latencies = new double[WINDOW];
    private int latencyCount;
    private DeviceState reportedState = DeviceState.OFFLINE;
    private String reportedError;

    /** @param meterIds the devices behind this connection, each told to {@code listener} on a change */
    OpcUaConnectionHealth(String connectionId, List<String> meterIds, DeviceHealthListener listener) {
        this.connectionId = connectionId;
        this.meterIds = List.copyOf(meterIds);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void attempt() {
        update(() -> attempts++);
    }

    void connected(Instant now) {
        update(() -> {
            state = DeviceState.ONLINE;
            consecutiveFailures = 0;
            nextAttempt = null;
            lastGoodTime = now;
        });
    }

    void failed(String reason, Instant now, Instant next) {
        update(() -> {
            state = DeviceState.OFFLINE;
            failedAttempts++;
            consecutiveFailures++;
            lastError = reason;
            lastErrorTime = now;
            nextAttempt = next;
        });
    }

    /** The session went away; the stack reconnects by itself. */
    void lost(String reason, Instant now) {
        update(() -> {
            state = DeviceState.OFFLINE;
            lastError = reason;
            lastErrorTime = now;
        });
    }

    void notified(boolean good, Instant now, double latencyMs) {
        update(() -> {
            notifications++;
            if (!good) {
                badNotifications++;
            }
            lastGoodTime = now;
            if (Double.isFinite(latencyMs)) {
                latencies[latencyCount % WINDOW] = latencyMs;
                latencyCount++;
            }
        });
    }

    synchronized DeviceState state() {
        return state;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** Applies a change under the lock, then tells the listener outside it if the state or error changed. */
    private void update(Runnable change) {
        List<DeviceHealth> changed = null;
        synchronized (this) {
            change.run();
            DeviceState shown = shownState();
            if (shown != reportedState || !Objects.equals(lastError, reportedError)) {
                reportedState = shown;
                reportedError = lastError;
                changed = new ArrayList<>();
                for (String meterId : meterIds) {
                    changed.add(snapshot(meterId));
                }
            }
        }
        if (changed != null) {
            changed.forEach(listener::onHealth);
        }
    }

    private Double successRatio() {
        return notifications == 0 ? null : (double) (notifications - badNotifications) / notifications;
    }

    private DeviceState shownState() {
        Double ratio = successRatio();
        return state == DeviceState.ONLINE && badNotifications > 0 && ratio < DEGRADED_BELOW
                ? DeviceState.DEGRADED : state;
    }

    synchronized DeviceHealth snapshot(String meterId) {
        int n = Math.min(latencyCount, WINDOW);
        Double mean = null;
        Double p95 = null;
        if (n > 0) {
            double[] copy = Arrays.copyOf(latencies, n);
            Arrays.sort(copy);
            mean = Arrays.stream(copy).average().orElseThrow();
            p95 = copy[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
        }
        return new DeviceHealth(meterId, connectionId, 0, shownState(), successRatio(), mean, p95, lastError,
                lastErrorTime, lastGoodTime, consecutiveFailures, state == DeviceState.OFFLINE ? nextAttempt : null,
                attempts, failedAttempts);
    }
}
