package io.wattline.alarms.journal;

import io.wattline.alarms.state.AlarmState;

/** Why a journal entry was written: what happened to the alarm. */
public enum JournalAction {
    /** The condition became abnormal: a new occurrence (or one not yet acknowledged came back). */
    RAISED,
    /** The condition returned to normal. */
    CLEARED,
    /** A person (user or phone) acknowledged the alarm. */
    ACKNOWLEDGED,
    /** A person shelved the alarm: it is not annunciated until unshelved or the shelving expires. */
    SHELVED,
    UNSHELVED,
    /** The shelving time ran out. */
    SHELVE_EXPIRED,
    /** Its line stopped: the alarm is suppressed by design. */
    SUPPRESSED,
    UNSUPPRESSED,
    /** Its rule is no longer configured: the alarm was closed when the engine started. */
    RETIRED;

    /** The action a plain state change stands for (entries written before actions were recorded). */
    public static JournalAction of(AlarmState from, AlarmState to) {
        if (!from.active() && to.active()) {
            return RAISED;
        }
        if (from.active() && !to.active()) {
            return CLEARED;
        }
        return ACKNOWLEDGED;
    }
}
