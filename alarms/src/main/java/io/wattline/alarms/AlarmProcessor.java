package io.wattline.alarms;

import io.wattline.alarms.journal.AlarmJournal;
import io.wattline.alarms.journal.JournalAction;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.rule.AlarmDefinition;
import io.wattline.alarms.rule.AlarmRule;
import io.wattline.alarms.rule.Observation;
import io.wattline.alarms.state.AlarmState;
import io.wattline.alarms.state.DelayFilter;
import io.wattline.core.Sample;
import io.wattline.core.alarm.LineStopSignal;
import io.wattline.core.device.DeviceHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarm engine's logic, single-threaded and driven from outside (samples, device health, ticks,
 * people's commands): rules observe conditions, the on/off-delay filters them, and each alarm moves
 * through the ISA-18.2 states; shelving and suppression by design hold new activations back. Every
 * transition is appended to the journal (one sync per call) and announced as an {@link AlarmEvent},
 * collected for {@link #drainEvents()}. Built from the journal, so active alarms, their numbers and
 * shelving survive a restart. {@link AlarmEngine} runs it on a thread; tests drive it directly.
 */
public final class AlarmProcessor {

    private static final String SYSTEM = "system";

    private final List<AlarmRule> rules;
    private final Map<String, AlarmRecord> records = new LinkedHashMap<>();
    private final Map<Long, AlarmRecord> byAlarmId = new HashMap<>();
    private final LineStops lineStops;
    private final AlarmJournal journal;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration maxShelve;
    private final List<AlarmEvent> events = new ArrayList<>();
    private long nextAlarmId = 1;
    private boolean changed;

    public AlarmProcessor(List<AlarmRule> rules, List<LineStopSignal> lineStops, AlarmJournal journal, ZoneId zone,
            Clock clock, Duration maxShelve) {
        this.rules = List.copyOf(rules);
        this.lineStops = new LineStops(lineStops);
        this.journal = journal;
        this.zone = zone;
        this.clock = clock;
        this.maxShelve = maxShelve;
        Instant now = clock.instant();
        for (AlarmRule rule : this.rules) {
            for (AlarmDefinition d : rule.definitions()) {
                if (records.putIfAbsent(d.key(), new AlarmRecord(d, d.messages(null, now, zone))) != null) {
                    throw new IllegalArgumentException("alarm " + d.key() + " is defined twice");
                }
            }
        }
        restore(now);
    }

    /** Rebuilds states, numbers and shelving from the journal; retires active alarms no rule defines any more. */
    private void restore(Instant now) {
        Map<String, JournalEntry> last = new LinkedHashMap<>();
        Map<String, Instant> raised = new HashMap<>();
        for (JournalEntry e : journal.all()) {
            last.put(e.key(), e);
            nextAlarmId = Math.max(nextAlarmId, e.alarmId() + 1);
            if (e.action() == JournalAction.RAISED && e.from() == AlarmState.NORMAL) {
                raised.put(e.key(), e.time());
            }
        }
        for (JournalEntry e : last.values()) {
            AlarmRecord r = records.get(e.key());
            if (r == null) {
                if (e.to() != AlarmState.NORMAL) {
                    journal.append(new JournalEntry(e.alarmId(), e.ruleId(), e.source(), e.priority(), now, e.to(),
                            AlarmState.NORMAL, e.value(), SYSTEM, "rule no longer configured", JournalAction.RETIRED,
                            e.condition(), e.lineId(), null, e.messages()));
                }
                continue;
            }
            r.state = e.to();
            r.alarmId = e.alarmId();
            r.value = e.value();
            r.changedAt = e.time();
            r.raisedAt = raised.get(e.key());
            if (!e.messages().isEmpty()) {
                r.messages = e.messages();
            }
            if (e.shelvedUntil() != null) {
                r.shelvedUntil = e.shelvedUntil();
                r.shelvedBy = e.actor();
                r.shelveReason = e.comment();
            }
            r.filter = new DelayFilter(r.definition.onDelay(), r.definition.offDelay(), e.to().active());
            if (r.alarmId > 0) {
                byAlarmId.put(r.alarmId, r);
            }
        }
        journal.flush();
        changed = true;
    }

    public void onSample(Sample sample) {
        lineStops.onSample(sample).forEach((line, stopped) -> suppress(line, stopped, sample.time()));
        List<Observation> out = new ArrayList<>();
        for (AlarmRule rule : rules) {
            rule.onSample(sample, out);
        }
        apply(out);
    }

    public void onHealth(DeviceHealth health) {
        List<Observation> out = new ArrayList<>();
        for (AlarmRule rule : rules) {
            rule.onHealth(health, out);
        }
        apply(out);
    }

    /** Observations read by polled rules (energy figures). */
    public void onPolled(List<Observation> observations) {
        apply(observations);
    }

    /** Lets time pass: time-driven conditions, delays that ran out, shelving that expired. */
    public void tick(Instant now) {
        List<Observation> out = new ArrayList<>();
        for (AlarmRule rule : rules) {
            rule.onTick(now, out);
        }
        apply(out);
        for (AlarmRecord r : records.values()) {
            if (r.filter.settle(now)) {
                conditionChanged(r, now);
            }
            if (r.shelved() && !now.isBefore(r.shelvedUntil)) {
                endShelving(r, now, SYSTEM, "shelving expired", JournalAction.SHELVE_EXPIRED);
            }
        }
        journal.flush();
    }

    private void apply(List<Observation> observations) {
        for (Observation o : observations) {
            AlarmRecord r = records.get(o.key());
            if (r == null) {
                continue;
            }
            Instant time = o.time() != null ? o.time() : clock.instant();
            if (o.value() != null) {
                r.value = o.value();
            }
            if (r.filter.observe(o.abnormal(), time)) {
                conditionChanged(r, time);
            }
        }
        journal.flush();
    }

    private void conditionChanged(AlarmRecord r, Instant time) {
        if (r.filter.active()) {
            if (!r.outOfService()) {
                raise(r, time);
            }
        } else {
            AlarmState to = r.state.onCleared();
            if (to != r.state) {
                transition(r, to, JournalAction.CLEARED, SYSTEM, "", time);
            }
        }
    }

    private void raise(AlarmRecord r, Instant time) {
        AlarmState to = r.state.onActivated();
        if (to == r.state) {
            return;
        }
        if (r.state == AlarmState.NORMAL) {
            byAlarmId.remove(r.alarmId);
            r.alarmId = nextAlarmId++;
            r.raisedAt = time;
            byAlarmId.put(r.alarmId, r);
        }
        transition(r, to, JournalAction.RAISED, SYSTEM, "", time);
    }

    private void transition(AlarmRecord r, AlarmState to, JournalAction action, String actor, String comment,
            Instant time) {
        AlarmState from = r.state;
        AlarmDefinition d = r.definition;
        r.messages = d.messages(r.value, time, zone);
        r.state = to;
        r.changedAt = time;
        journal.append(new JournalEntry(r.alarmId, d.ruleId(), d.source(), d.priority(), time, from, to, r.value,
                actor, comment, action, d.condition(), d.lineId(), r.shelvedUntil, r.messages));
        events.add(new AlarmEvent(r.alarmId, d.ruleId(), d.source(), d.lineId(), d.priority(), from, to, time, r.value,
                actor, r.messages));
        changed = true;
    }

    /**
     * Suppression by design: the line's suppressible alarms leave (or return to) service. The change is
     * journalled for alarms it matters to (condition active, or not normal).
     */
    private void suppress(String line, boolean stopped, Instant time) {
        for (AlarmRecord r : records.values()) {
            if (!r.definition.suppressible() || !line.equals(r.definition.lineId()) || r.suppressed == stopped) {
                continue;
            }
            r.suppressed = stopped;
            // only where it makes a difference: a line that stops and starts all day would flood the journal
            if (r.filter.active() || r.state != AlarmState.NORMAL) {
                transition(r, r.state, stopped ? JournalAction.SUPPRESSED : JournalAction.UNSUPPRESSED, SYSTEM,
                        stopped ? "line " + line + " stopped" : "line " + line + " running", time);
            }
            changed = true;
            returnToService(r, time);
        }
    }

    /** An alarm back in service whose condition is abnormal is raised now. */
    private void returnToService(AlarmRecord r, Instant time) {
        if (!r.outOfService() && r.filter.active() && !r.state.active()) {
            raise(r, time);
        }
    }

    public AlarmCommands.Outcome acknowledge(long alarmId, String actor, String comment) {
        AlarmRecord r = byAlarmId.get(alarmId);
        if (r == null || r.alarmId != alarmId) {
            return AlarmCommands.Outcome.refused("无此报警或已结束 / no such alarm, or it is over");
        }
        if (r.state == AlarmState.ACKNOWLEDGED) {
            return AlarmCommands.Outcome.refused("已确认 / already acknowledged");
        }
        if (!r.state.needsAcknowledgement()) {
            return AlarmCommands.Outcome.refused("报警已结束 / the alarm is over");
        }
        transition(r, r.state.onAcknowledged(), JournalAction.ACKNOWLEDGED, actor, comment, clock.instant());
        journal.flush();
        return AlarmCommands.Outcome.ok();
    }

    /** Shelving acknowledges an alarm that waits for it (whoever shelves it has seen it). */
    public AlarmCommands.Outcome shelve(long alarmId, String actor, Duration duration, String reason) {
        AlarmRecord r = byAlarmId.get(alarmId);
        if (r == null || r.alarmId != alarmId) {
            return AlarmCommands.Outcome.refused("无此报警 / no such alarm");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            return AlarmCommands.Outcome.refused("搁置时长须大于0 / the duration must be positive");
        }
        if (duration.compareTo(maxShelve) > 0) {
            return AlarmCommands.Outcome.refused("最长搁置 " + maxShelve.toMinutes() + " 分钟 / at most "
                    + maxShelve.toMinutes() + " min");
        }
        if (reason == null || reason.isBlank()) {
            return AlarmCommands.Outcome.refused("须填写搁置原因 / a reason is required");
        }
        Instant now = clock.instant();
        r.shelvedUntil = now.plus(duration);
        r.shelvedBy = actor;
        r.shelveReason = reason;
        AlarmState to = r.state.needsAcknowledgement() ? r.state.onAcknowledged() : r.state;
        transition(r, to, JournalAction.SHELVED, actor, reason, now);
        journal.flush();
        return AlarmCommands.Outcome.ok();
    }

    public AlarmCommands.Outcome unshelve(long alarmId, String actor, String comment) {
        AlarmRecord r = byAlarmId.get(alarmId);
        if (r == null || r.alarmId != alarmId) {
            return AlarmCommands.Outcome.refused("无此报警 / no such alarm");
        }
        if (!r.shelved()) {
            return AlarmCommands.Outcome.refused("未搁置 / not shelved");
        }
        endShelving(r, clock.instant(), actor, comment, JournalAction.UNSHELVED);
        journal.flush();
        return AlarmCommands.Outcome.ok();
    }

    private void endShelving(AlarmRecord r, Instant time, String actor, String comment, JournalAction action) {
        r.shelvedUntil = null;
        r.shelvedBy = null;
        r.shelveReason = null;
        transition(r, r.state, action, actor, comment, time);
        returnToService(r, time);
    }

    /**
     * What a listener that joins now needs to know: every alarm waiting for acknowledgement, as the
     * change that raised it (from NORMAL, at the time it was raised).
     */
    public List<AlarmEvent> replay() {
        List<AlarmEvent> out = new ArrayList<>();
        for (AlarmRecord r : records.values()) {
            if (r.state.needsAcknowledgement() && r.alarmId > 0) {
                AlarmDefinition d = r.definition;
                out.add(new AlarmEvent(r.alarmId, d.ruleId(), d.source(), d.lineId(), d.priority(), AlarmState.NORMAL,
                        r.state, r.raisedAt != null ? r.raisedAt : r.changedAt, r.value, SYSTEM, r.messages));
            }
        }
        return out;
    }

    /** The changes since the last call, oldest first. */
    public List<AlarmEvent> drainEvents() {
        List<AlarmEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** True (once) when some alarm changed since the last call. */
    public boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** Every configured alarm, in rule order. */
    public List<AlarmView> alarms() {
        return records.values().stream().map(AlarmRecord::view).toList();
    }

    /** The rules that read energy figures, with how often. */
    public List<AlarmRule> polledRules() {
        return rules.stream().filter(r -> r.pollEvery() != null).toList();
    }
}
