package io.wattline.alarms.journal;

import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One transition of one alarm, kept for ever: when, from which state to which, the value that
 * caused it, and who did it (a user name, a phone number, or {@code system}) with their comment.
 *
 * @param action       what happened (raised, cleared, acknowledged, shelved, ...)
 * @param condition    which condition of the rule on that source ({@code HH}, {@code H}, {@code RISE}...), or empty
 * @param lineId       the line the alarm concerns, or null
 * @param shelvedUntil when the shelving ends, while the alarm is shelved after this entry; else null
 * @param messages     the alarm's text per language at this moment (empty for commands that change no text)
 */
public record JournalEntry(long alarmId, String ruleId, String source, Priority priority, Instant time,
        AlarmState from, AlarmState to, Double value, String actor, String comment, JournalAction action,
        String condition, String lineId, Instant shelvedUntil, Map<String, String> messages) {

    public JournalEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        actor = actor == null ? "system" : actor;
        comment = comment == null ? "" : comment;
        action = action == null ? JournalAction.of(from, to) : action;
        condition = condition == null ? "" : condition;
        messages = messages == null ? Map.of() : Map.copyOf(messages);
    }

    /** An entry of a plain state change (the first form of the contract). */
    public JournalEntry(long alarmId, String ruleId, String source, Priority priority, Instant time,
            AlarmState from, AlarmState to, Double value, String actor, String comment) {
        this(alarmId, ruleId, source, priority, time, from, to, value, actor, comment, null, null, null, null, null);
    }

    /** The configured alarm this entry belongs to: rule, source and condition. */
    public String key() {
        return alarmKey(ruleId, source, condition);
    }

    /** The key of a configured alarm: {@code rule/source} or {@code rule/source/condition}. */
    public static String alarmKey(String ruleId, String source, String condition) {
        return ruleId + "/" + source + (condition == null || condition.isEmpty() ? "" : "/" + condition);
    }
}
