package io.wattline.collector.health;

import io.wattline.core.device.DeviceError;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.device.DeviceState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each device's communication history since start: its state changes and its errors, newest first,
 * at most {@code capacity} entries a device (the oldest go first). A health listener on every
 * collector: it is told a device's health when its state or its error reason changes, so a device
 * failing the same way for hours costs one entry, not one per poll. Kept in memory only; the
 * historian keeps the {@code comm_state} point for the long run.
 */
public final class CommHistory implements DeviceHealthListener {

    /** Entries a device keeps when no capacity is given. */
    public static final int DEFAULT_CAPACITY = 200;

    /** What happened: the device's state changed, or it failed with a new reason. */
    public enum Kind { STATE, ERROR }

    /**
     * One entry of a device's history.
     *
     * @param time  when it happened (the error's own time for an ERROR, the report's time for a STATE)
     * @param kind  STATE or ERROR
     * @param state the device's state after this entry
     * @param from  the state before a STATE change; null for the first entry and for an ERROR
     * @param reason the error's reason (ERROR) or the last error when it went DEGRADED/OFFLINE/DISABLED; else null
     */
    public record Entry(Instant time, Kind kind, DeviceState state, DeviceState from, String reason) {
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
        }
    }

    private final Clock clock;
    private final int capacity;
    private final Map<String, Deque<Entry>> entries = new HashMap<>();
    private final Map<String, DeviceState> lastState = new HashMap<>();
    private final Map<String, DeviceError> lastError = new HashMap<>();

    public CommHistory(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    public CommHistory(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    @Override
    public synchronized void onHealth(DeviceHealth h) {
        String device = h.meterId();
        DeviceState before = lastState.put(device, h.state());
        Instant errorAt = h.lastErrorTime();
        DeviceError error = h.lastError() == null || errorAt == null ? null : new DeviceError(errorAt, h.lastError());
        boolean newError = error != null && !error.equals(lastError.get(device));
        if (newError) {
            lastError.put(device, error);
        }
        if (before != h.state()) {
            String why = h.state() == DeviceState.ONLINE ? null : h.lastError();
            add(device, new Entry(clock.instant(), Kind.STATE, h.state(), before, why));
        }
        if (newError && (before == h.state() || h.state() == DeviceState.ONLINE)) {
            // a failure that did not change the state (or the state entry does not name it): its own entry
            add(device, new Entry(errorAt, Kind.ERROR, h.state(), null, h.lastError()));
        }
    }

    private void add(String device, Entry e) {
        Deque<Entry> list = entries.computeIfAbsent(device, d -> new ArrayDeque<>());
        list.addFirst(e);
        while (list.size() > capacity) {
            list.removeLast();
        }
    }

    /** The device's history, newest first; empty for a device never reported. */
    public synchronized List<Entry> of(String device) {
        Deque<Entry> list = entries.get(device);
        return list == null ? List.of() : new ArrayList<>(list);
    }

    /** Entries a device keeps at most. */
    public int capacity() {
        return capacity;
    }
}
