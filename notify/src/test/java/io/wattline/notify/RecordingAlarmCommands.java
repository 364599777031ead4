package io.wattline.notify;

import io.wattline.alarms.AlarmCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the alarm engine's commands, which do not exist yet (the engine is another issue's
 * half): records every call and acknowledges any alarm once, refusing a second acknowledgement.
 */
public final class RecordingAlarmCommands implements AlarmCommands {

    /** One call: which command, which alarm, who asked. */
    public record Call(String command, long alarmId, String actor, String comment) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized Outcome acknowledge(long alarmId, String actor, String comment) {
        boolean again = calls.stream().anyMatch(c -> c.alarmId() == alarmId && c.command().equals("acknowledge"));
        calls.add(new Call("acknowledge", alarmId, actor, comment));
        return again ? Outcome.refused("already acknowledged") : Outcome.ok();
    }

    @Override
    public synchronized Outcome shelve(long alarmId, String actor, Duration duration, String reason) {
        calls.add(new Call("shelve", alarmId, actor, reason));
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome unshelve(long alarmId, String actor, String comment) {
        calls.add(new Call("unshelve", alarmId, actor, comment));
        return Outcome.ok();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
