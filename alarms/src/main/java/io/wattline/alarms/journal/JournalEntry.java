package io.wattline.alarms.journal;

import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import java.time.Instant;
import java.util.Objects;

/**
 * One transition of one alarm, kept for ever: when, from which state to which, the value that
 * caused it, and who did it (a user name, a phone number, or {@code system}) with their comment.
 */
public record JournalEntry(long alarmId, String ruleId, String source, Priority priority, Instant time,
        AlarmState from, AlarmState to, Double value, String actor, String comment) {

    public JournalEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        actor = actor == null ? "system" : actor;
    }
}
