package io.wattline.alarms.state;

import java.time.Duration;
import java.time.Instant;

/**
 * On- and off-delay (ISA-18.2 §10.3.3): the condition seen by the alarm changes only after the raw
 * condition has held its new value for the delay without interruption. One observation of the old
 * value restarts the wait. With a zero delay the change is immediate.
 */
public final class DelayFilter {

    private final Duration onDelay;
    private final Duration offDelay;
    private boolean active;
    private Instant pendingSince;

    public DelayFilter(Duration onDelay, Duration offDelay, boolean active) {
        this.onDelay = onDelay;
        this.offDelay = offDelay;
        this.active = active;
    }

    /** The filtered condition: true while abnormal. */
    public boolean active() {
        return active;
    }

    /** True while a change waits for its delay. */
    public boolean pending() {
        return pendingSince != null;
    }

    /** Takes one observation of the raw condition; true when the filtered condition changed with it. */
    public boolean observe(boolean abnormal, Instant time) {
        if (abnormal == active) {
            pendingSince = null;
            return false;
        }
        if (pendingSince == null) {
            pendingSince = time;
        }
        return settle(time);
    }

    /** Lets time pass: true when a waiting change has now held for its delay. */
    public boolean settle(Instant now) {
        if (pendingSince == null) {
            return false;
        }
        Duration delay = active ? offDelay : onDelay;
        if (now.isBefore(pendingSince.plus(delay))) {
            return false;
        }
        active = !active;
        pendingSince = null;
        return true;
    }
}
