package io.wattline.alarms.state;

/**
 * The ISA-18.2 alarm states (ANSI/ISA-18.2-2016, figure 5, states A–D): an alarm is raised
 * unacknowledged, acknowledged by a person, and cleared when its condition has returned to normal
 * and it has been acknowledged; a condition that returns to normal before anyone acknowledged it
 * waits in {@link #RTN_UNACKNOWLEDGED}. Shelving and suppression are kept beside the state, not in it.
 */
public enum AlarmState {
    /** A: condition normal, acknowledged. */
    NORMAL,
    /** B: condition abnormal, not yet acknowledged. */
    UNACKNOWLEDGED,
    /** C: condition abnormal, acknowledged. */
    ACKNOWLEDGED,
    /** D: condition back to normal, but nobody acknowledged the alarm yet. */
    RTN_UNACKNOWLEDGED;

    /** True while the condition is abnormal. */
    public boolean active() {
        return this == UNACKNOWLEDGED || this == ACKNOWLEDGED;
    }

    /** True while somebody still has to acknowledge. */
    public boolean needsAcknowledgement() {
        return this == UNACKNOWLEDGED || this == RTN_UNACKNOWLEDGED;
    }

    /** The state after the condition becomes abnormal. */
    public AlarmState onActivated() {
        return switch (this) {
            case NORMAL, RTN_UNACKNOWLEDGED -> UNACKNOWLEDGED;
            case UNACKNOWLEDGED, ACKNOWLEDGED -> this;
        };
    }

    /** The state after the condition returns to normal. */
    public AlarmState onCleared() {
        return switch (this) {
            case UNACKNOWLEDGED -> RTN_UNACKNOWLEDGED;
            case ACKNOWLEDGED -> NORMAL;
            case NORMAL, RTN_UNACKNOWLEDGED -> this;
        };
    }

    /** The state after a person acknowledges. */
    public AlarmState onAcknowledged() {
        return switch (this) {
            case UNACKNOWLEDGED -> ACKNOWLEDGED;
            case RTN_UNACKNOWLEDGED -> NORMAL;
            case NORMAL, ACKNOWLEDGED -> this;
        };
    }
}
