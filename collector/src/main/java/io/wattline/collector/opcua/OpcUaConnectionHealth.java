package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceDiagnostics.DeviceError;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.device.DeviceState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Communication health of one OPC UA connection, kept per connect attempt, notification and
 * service-call round trip; reported per device as a {@link DeviceHealth} like the Modbus side
 * (figures not known yet are null, never NaN), and told to the listener for each of the
 * connection's devices whenever the state or the error reason changes. Latency is the round trip
 * of the recent service calls (keep-alive reads, reads, monitored item calls), never a value's age.
 * Thread-safe.
 */
final class OpcUaConnectionHealth {

    /** Round trips kept for the latency figures, like the Modbus side's window of requests. */
    private static final int WINDOW = 100;
    /** Distinct errors kept for the diagnostics, newest first. */
    private static final int RECENT_ERRORS = 10;
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
    private final double[] roundTrips = new double[WINDOW];
    private int roundTripCount;
    private final Deque<DeviceError> recentErrors = new ArrayDeque<>();
    private DeviceState reportedState = DeviceState.OFFLINE;
    private String reportedError;

    /** @param meterIds the devices behind this connection, each told to {@code listener} on a change */
    OpcUaConnectionHealth(String connectionId, List<String> meterIds, DeviceHealthListener listener) {
        this.connectionId = connectionId;
        this.meterIds = List.copyOf(meterIds);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A connect attempt or a probe of an absent server. */
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

    /** A connect attempt or probe failed; the next one is at {@code next}. */
    void failed(String reason, Instant now, Instant next) {
        update(() -> {
            state = DeviceState.OFFLINE;
            failedAttempts++;
            consecutiveFailures++;
            error(reason, now);
            nextAttempt = next;
        });
    }

    /** The session went away (or cannot be rebuilt); the next attempt is at {@code next}. */
    void lost(String reason, Instant now, Instant next) {
        update(() -> {
            state = DeviceState.OFFLINE;
            error(reason, now);
            nextAttempt = next;
        });
    }

    private void error(String reason, Instant now) {
        lastErrorTime = now;
        if (!reason.equals(lastError)) {
            recentErrors.addFirst(new DeviceError(now, reason));
            while (recentErrors.size() > RECENT_ERRORS) {
                recentErrors.removeLast();
            }
        }
        lastError = reason;
    }

    void notified(boolean good, Instant now) {
        update(() -> {
            notifications++;
            if (!good) {
                badNotifications++;
            }
            lastGoodTime = now;
        });
    }

    /** One answered service call's round trip (never changes the state: no listener call). */
    synchronized void roundTrip(double millis) {
        roundTrips[roundTripCount % WINDOW] = millis;
        roundTripCount++;
    }

    synchronized DeviceState state() {
        return state;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** The latest distinct errors, newest first. */
    synchronized List<DeviceError> recentErrors() {
        return List.copyOf(recentErrors);
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
        int n = Math.min(roundTripCount, WINDOW);
        Double mean = null;
        Double p95 = null;
        if (n > 0) {
            double[] copy = Arrays.copyOf(roundTrips, n);
            Arrays.sort(copy);
            mean = Arrays.stream(copy).average().orElseThrow();
            p95 = copy[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
        }
        return new DeviceHealth(meterId, connectionId, 0, shownState(), successRatio(), mean, p95, lastError,
                lastErrorTime, lastGoodTime, consecutiveFailures, state == DeviceState.OFFLINE ? nextAttempt : null,
                attempts, failedAttempts);
    }
}
