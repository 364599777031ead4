package io.wattline.alarms;

import io.wattline.alarms.state.AlarmState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one alarm, as the engine announces it to listeners (notification, the UI stream, the
 * north-bound server): which alarm, what it is about, its state before and after, and its message
 * in every configured language, already filled in from the rule's template.
 *
 * @param alarmId   the alarm's number, unique for ever in this installation (what an SMS reply names)
 * @param ruleId    the rule that raised it
 * @param source    what it is about: a point id, a device id, a line or cost-centre id
 * @param lineId    the production line it concerns, or null (rosters and suppression use it)
 * @param value     the value that caused the change, or null (communication loss)
 * @param actor     who caused the change: {@code system}, a user name, or a phone number
 * @param messages  message text per language tag ({@code zh-CN}, {@code en}); never empty
 */
public record AlarmEvent(long alarmId, String ruleId, String source, String lineId, Priority priority,
        AlarmState from, AlarmState to, Instant time, Double value, String actor, Map<String, String> messages) {

    public AlarmEvent {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(time, "time");
        actor = actor == null ? "system" : actor;
        messages = Map.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("alarm " + alarmId + " has no message text");
        }
    }

    /** True when this change raised the alarm (it was not active before and is now). */
    public boolean raised() {
        return !from.active() && to.active();
    }

    /** True when the condition returned to normal with this change. */
    public boolean returnedToNormal() {
        return from.active() && !to.active();
    }

    /** True when a person acknowledged the alarm with this change. */
    public boolean acknowledged() {
        return from.needsAcknowledgement() && !to.needsAcknowledgement() && !"system".equals(actor);
    }

    /** The message in {@code language}, else in English, else any. */
    public String message(String language) {
        String m = messages.get(language);
        if (m == null) {
            m = messages.get("en");
        }
        return m != null ? m : messages.values().iterator().next();
    }
}
