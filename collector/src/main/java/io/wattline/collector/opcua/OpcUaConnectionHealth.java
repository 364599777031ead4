package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import java.time.Instant;
import java.util.Arrays;

/**
 * Communication health of one OPC UA connection, kept per session attempt and notification;
 * reported per device as a {@link DeviceHealth} like the Modbus side. Thread-safe.
 */
final class OpcUaConnectionHealth {

    // Large enough to hold one publish response of a big subscription (latency of its notifications).
    private static final int WINDOW = 4096;

    private final String connectionId;
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

    OpcUaConnectionHealth(String connectionId) {
        this.connectionId = connectionId;
    }

    synchronized void attempt() {
        attempts++;
    }

    synchronized void connected(Instant now) {
        state = DeviceState.ONLINE;
        consecutiveFailures = 0;
        nextAttempt = null;
        lastGoodTime = now;
    }

    synchronized void failed(String reason, Instant now, Instant next) {
        state = DeviceState.OFFLINE;
        failedAttempts++;
        consecutiveFailures++;
        lastError = reason;
        lastErrorTime = now;
        nextAttempt = next;
    }

    /** The session went away; the stack reconnects by itself. */
    synchronized void lost(String reason, Instant now) {
        state = DeviceState.OFFLINE;
        lastError = reason;
        lastErrorTime = now;
    }

    synchronized void notified(boolean good, Instant now, double latencyMs) {
        notifications++;
        if (!good) {
            badNotifications++;
        }
        lastGoodTime = now;
        if (Double.isFinite(latencyMs)) {
            latencies[latencyCount % WINDOW] = latencyMs;
            latencyCount++;
        }
    }

    synchronized DeviceState state() {
        return state;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized DeviceHealth snapshot(String meterId) {
        int n = Math.min(latencyCount, WINDOW);
        double mean = Double.NaN;
        double p95 = Double.NaN;
        if (n > 0) {
            double[] copy = Arrays.copyOf(latencies, n);
            Arrays.sort(copy);
            mean = Arrays.stream(copy).average().orElse(Double.NaN);
            p95 = copy[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
        }
        double ratio = notifications == 0 ? Double.NaN : (double) (notifications - badNotifications) / notifications;
        DeviceState shown = state == DeviceState.ONLINE && badNotifications > 0 && ratio < 0.9
                ? DeviceState.DEGRADED : state;
        return new DeviceHealth(meterId, connectionId, 0, shown, ratio, mean, p95, lastError, lastErrorTime,
                lastGoodTime, consecutiveFailures, state == DeviceState.OFFLINE ? nextAttempt : null,
                attempts, failedAttempts);
    }
}
