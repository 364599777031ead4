package io.wattline.alarms;

import io.wattline.alarms.rule.AlarmDefinition;
import io.wattline.alarms.state.AlarmState;
import io.wattline.alarms.state.DelayFilter;
import java.time.Instant;
import java.util.Map;

/** The engine's mutable state of one configured alarm (touched on the engine's thread only). */
final class AlarmRecord {

    final AlarmDefinition definition;
    DelayFilter filter;
    AlarmState state = AlarmState.NORMAL;
    /** The current or last occurrence's number; 0 before the first. */
    long alarmId;
    Instant raisedAt;
    Instant changedAt;
    Double value;
    Map<String, String> messages;
    Instant shelvedUntil;
    String shelvedBy;
    String shelveReason;
    boolean suppressed;

    AlarmRecord(AlarmDefinition definition, Map<String, String> messages) {
        this.definition = definition;
        this.filter = new DelayFilter(definition.onDelay(), definition.offDelay(), false);
        this.messages = messages;
    }

    boolean shelved() {
        return shelvedUntil != null;
    }

    /** Shelved or suppressed: a new activation is held back until it is back in service. */
    boolean outOfService() {
        return shelved() || suppressed;
    }

    AlarmView view() {
        AlarmDefinition d = definition;
        return new AlarmView(alarmId == 0 ? null : alarmId, d.key(), d.ruleId(), d.ruleName(), d.type(), d.source(),
                d.condition(), d.lineId(), d.priority(), state, filter.active(), shelvedUntil, shelvedBy,
                shelveReason, suppressed, raisedAt, changedAt, value, d.limit(), d.unit(), messages);
    }
}
