package io.wattline.collector.health;

import io.wattline.core.device.DeviceError;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.device.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts one device's requests and answers and decides its backoff: after a request that got no
 * answer (timeout, I/O) the device is left alone for a backoff that doubles with every further
 * failed probe, from {@code initialBackoff} up to {@code maxBackoff}, so a dead device costs its
 * bus one timeout per backoff period. Any answer ends the backoff. Tells its listener when the
 * device's state or error reason changes. Keeps the last few errors with their times, and counts
 * the points the device refuses: a device that answers everything else is ONLINE all the same.
 * Thread-safe; times for the schedule are {@link System#nanoTime()} values, times shown to people
 * come from the clock.
 */
public final class DeviceHealthTracker {

    /** Below this success ratio over the window an answering device is DEGRADED. */
    public static final double DEGRADED_BELOW = 0.95;
    /** How many recent errors {@link DeviceHealth#recentErrors()} keeps. */
    public static final int RECENT_ERRORS = 10;

    private final String meterId;
    private final String connectionId;
    private final int unitId;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final DeviceHealthListener listener;
    private final boolean[] outcomes;
    private final double[] latenciesMs;
    private int outcomeCount;
    private int outcomeNext;
    private int latencyCount;
    private int latencyNext;
    private long requests;
    private long failures;
    private String lastError;
    private Instant lastErrorTime;
    private Instant lastGoodTime;
    private int consecutiveFailures;
    private boolean lastAnswered;
    private boolean offline;
    private boolean disabled;
    private Duration backoff = Duration.ZERO;
    private long nextProbeNanos;
    private Instant nextProbeTime;
    /** What the listener was last told; it starts from the state before the first request. */
    private DeviceState reportedState = DeviceState.OFFLINE;
    private String reportedError;
    private final ArrayDeque<DeviceError> recentErrors = new ArrayDeque<>();
    private int refusedPoints;
    private int totalPoints;
    private String lateHint;

    /**
     * @param window how many recent requests the success ratio and latency figures cover
     */
    public DeviceHealthTracker(String meterId, String connectionId, int unitId, Clock clock, int window,
            Duration initialBackoff, Duration maxBackoff) {
        this(meterId, connectionId, unitId, clock, window, initialBackoff, maxBackoff, h -> { });
    }

    /**
     * @param listener told the device's health whenever its state or its error reason changes, on
     *                 the thread that changed it and outside this tracker's lock
     */
    public DeviceHealthTracker(String meterId, String connectionId, int unitId, Clock clock, int window,
            Duration initialBackoff, Duration maxBackoff, DeviceHealthListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.meterId = Objects.requireNonNull(meterId, "meterId");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.unitId = unitId;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window < 1) {
            throw new IllegalArgumentException("health window must be at least 1 request, was " + window);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff from " + initialBackoff + " to " + maxBackoff
                    + ": need 0 <= initial <= max");
        }
        this.outcomes = new boolean[window];
        this.latenciesMs = new double[window];
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public String meterId() {
        return meterId;
    }

    /**
     * A request answered after {@code latencyNanos}. Ends any backoff; the first answer after an
     * outage also starts the success ratio afresh, so a meter that is back counts as ONLINE rather
     * than staying DEGRADED until the outage has scrolled out of the window.
     */
    public void answered(long latencyNanos) {
        update(() -> {
            if (offline) {
                outcomeCount = 0;
                outcomeNext = 0;
            }
            record(true);
            latenciesMs[latencyNext] = latencyNanos / 1e6;
            latencyNext = (latencyNext + 1) % latenciesMs.length;
            latencyCount = Math.min(latencyCount + 1, latenciesMs.length);
            lastGoodTime = clock.instant();
            consecutiveFailures = 0;
            lastAnswered = true;
            offline = false;
            backoff = Duration.ZERO;
            nextProbeTime = null;
        });
    }

    /**
     * A request failed, but the device answered (exception code, CRC error, wrong length): it
     * counts against the success ratio, with no backoff, because the device is there.
     */
    public void answeredWithError(String reason) {
        update(() -> {
            record(false);
            failed(reason);
            lastAnswered = false;
            consecutiveFailures = 0;
            offline = false;
            backoff = Duration.ZERO;
            nextProbeTime = null;
        });
    }

    /**
     * A request got no answer (after the scheduler's retries). The device goes OFFLINE, and the
     * backoff starts or doubles; {@link #backedOff(long)} tells the scheduler when to probe.
     */
    public void unanswered(String reason, long nowNanos) {
        update(() -> {
            record(false);
            failed(reason);
            lastAnswered = false;
            consecutiveFailures++;
            offline = true;
            backoff = backoff.isZero() ? initialBackoff
                    : (backoff.compareTo(maxBackoff.dividedBy(2)) > 0 ? maxBackoff : backoff.multipliedBy(2));
            nextProbeNanos = nowNanos + backoff.toNanos();
            nextProbeTime = clock.instant().plus(backoff);
        });
    }

    /**
     * A request got no answer and the scheduler tries it again at once: counted against the
     * success ratio, no backoff yet.
     */
    public void retrying(String reason) {
        update(() -> {
            record(false);
            failed(reason);
        });
    }

    /** A failed request that is not the device's fault (a bug, a shutdown): counted, no backoff. */
    public void failedLocally(String reason) {
        update(() -> failed(reason));
    }

    /** The connection cannot be served; the device is DISABLED with that reason. */
    public void disable(String reason) {
        update(() -> {
            disabled = true;
            failed(reason);
        });
    }

    /**
     * The device refused a read of registers its profile declares (exception 02/03) and the
     * collector learns around it: the device answered as Modbus says it should, so this counts as
     * an answer (no DEGRADED for a refusal that is handled); the reason is kept with the errors.
     */
    public void refused(String reason) {
        update(() -> {
            record(true);
            failed(reason);
            lastAnswered = true;
            consecutiveFailures = 0;
            offline = false;
            backoff = Duration.ZERO;
            nextProbeTime = null;
        });
    }

    /**
     * How many of the device's {@code total} points it refuses. It stays ONLINE while it serves the
     * rest; when it refuses every point it is DEGRADED (likely the wrong profile).
     */
    public void refusedPoints(int refused, int total) {
        update(() -> {
            refusedPoints = refused;
            totalPoints = total;
        });
    }

    /**
     * An answer came after its request had timed out: kept with the errors, and said again in the
     * reason of the device's next timeouts ({@link #lateHint()}).
     *
     * @param message what happened and what to do ({@code FailureReason.late})
     * @param hint    the short form for later timeout reasons
     */
    public void lateAnswer(String message, String hint) {
        update(() -> {
            addRecent(message);
            lateHint = hint;
        });
    }

    /** What an earlier late answer of this device showed, for the reason of a timeout; null if none. */
    public synchronized String lateHint() {
        return lateHint;
    }

    /** Ends an OFFLINE device's rest now, so its next probe is due at once ({@code POST .../probe}). */
    public void probeNow(long nowNanos) {
        update(() -> {
            if (offline) {
                nextProbeNanos = nowNanos;
                nextProbeTime = clock.instant();
            }
        });
    }

    private void failed(String reason) {
        lastError = reason;
        lastErrorTime = clock.instant();
        addRecent(reason);
    }

    private void addRecent(String reason) {
        recentErrors.addFirst(new DeviceError(clock.instant(), reason));
        while (recentErrors.size() > RECENT_ERRORS) {
            recentErrors.removeLast();
        }
    }

    /** Whether the device is OFFLINE (backed off). */
    public synchronized boolean offline() {
        return offline;
    }

    /** Whether the device is still inside its backoff at {@code nowNanos} (no request then, not even a probe). */
    public synchronized boolean backedOff(long nowNanos) {
        return offline && nowNanos - nextProbeNanos < 0;
    }

    /** {@link System#nanoTime()} value of the next probe; meaningful only while {@link #offline()}. */
    public synchronized long nextProbeNanos() {
        return nextProbeNanos;
    }

    /** The current backoff period (zero when the device answers). */
    public synchronized Duration backoff() {
        return backoff;
    }

    /** Applies a change under the lock, then tells the listener outside it if the state or error changed. */
    private void update(Runnable change) {
        DeviceHealth changed = null;
        synchronized (this) {
            change.run();
            DeviceState state = state();
            if (state != reportedState || !Objects.equals(lastError, reportedError)) {
                reportedState = state;
                reportedError = lastError;
                changed = snapshot();
            }
        }
        if (changed != null) {
            listener.onHealth(changed);
        }
    }

    private void record(boolean ok) {
        requests++;
        if (!ok) {
            failures++;
        }
        outcomes[outcomeNext] = ok;
        outcomeNext = (outcomeNext + 1) % outcomes.length;
        outcomeCount = Math.min(outcomeCount + 1, outcomes.length);
    }

    private Double successRatio() {
        if (outcomeCount == 0) {
            return null;
        }
        int ok = 0;
        for (int i = 0; i < outcomeCount; i++) {
            ok += outcomes[i] ? 1 : 0;
        }
        return (double) ok / outcomeCount;
    }

    private DeviceState state() {
        if (disabled) {
            return DeviceState.DISABLED;
        }
        if (offline || requests == 0) {
            return DeviceState.OFFLINE;
        }
        Double ratio = successRatio();
        boolean refusesEverything = totalPoints > 0 && refusedPoints >= totalPoints;
        return !lastAnswered || ratio == null || ratio < DEGRADED_BELOW || refusesEverything
                ? DeviceState.DEGRADED : DeviceState.ONLINE;
    }

    /** The figures now. */
    public synchronized DeviceHealth snapshot() {
        Double ratio = successRatio();
        Double mean = null;
        Double p95 = null;
        if (latencyCount > 0) {
            double[] sorted = Arrays.copyOf(latenciesMs, latencyCount);
            Arrays.sort(sorted);
            mean = Arrays.stream(sorted).average().orElseThrow();
            // Nearest-rank percentile: the smallest latency at or above 95 % of the answers.
            p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1)];
        }
        DeviceState state = state();
        String error = requests == 0 && lastError == null && !disabled ? "not polled yet" : lastError;
        return new DeviceHealth(meterId, connectionId, unitId, state, ratio, mean, p95, error, lastErrorTime,
                lastGoodTime, consecutiveFailures, offline ? nextProbeTime : null, requests, failures, refusedPoints,
                List.copyOf(new ArrayList<>(recentErrors)));
    }
}
