package io.wattline.analytics.consumption;

import java.time.Instant;
import java.util.Objects;

/**
 * A declared discontinuity of a counter: a reset or a meter replacement at {@code time}, with the
 * old register's final reading and the new register's initial reading. Readings at or after
 * {@code time} belong to the new register.
 */
public record CounterEvent(Instant time, Kind kind, double oldFinal, double newInitial) {

    /** What happened to the register. */
    public enum Kind { RESET, REPLACEMENT }

    public CounterEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(oldFinal) || !Double.isFinite(newInitial)) {
            throw new IllegalArgumentException("counter event at " + time + ": readings must be finite");
        }
    }
}
