package io.wattline.alarms;

import io.wattline.alarms.state.AlarmState;
import java.time.Instant;
import java.util.Map;

/**
 * One configured alarm as the API, the live stream and the north-bound server show it: its state,
 * its current (or last) occurrence, shelving and suppression, and its message.
 *
 * @param alarmId         the current or last occurrence's number, null if it never occurred
 * @param conditionActive true while the (delayed) condition is abnormal, even when shelved or suppressed
 * @param shelvedUntil    null unless shelved
 * @param value           the value at the last change, null if none
 * @param messages        the message per language at the last change
 */
public record AlarmView(Long alarmId, String key, String ruleId, String ruleName, String type, String source,
        String condition, String lineId, Priority priority, AlarmState state, boolean conditionActive,
        Instant shelvedUntil, String shelvedBy, String shelveReason, boolean suppressed, Instant raisedAt,
        Instant changedAt, Double value, Double limit, String unit, Map<String, String> messages) {

    public AlarmView {
        messages = Map.copyOf(messages);
    }

    public boolean shelved() {
        return shelvedUntil != null;
    }

    /** True when it is worth showing: not normal, or shelved, or suppressed with its condition active. */
    public boolean notable() {
        return state != AlarmState.NORMAL || shelved() || (suppressed && conditionActive);
    }
}
