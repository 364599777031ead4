package io.wattline.alarms.output;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.AlarmListener;
import io.wattline.alarms.Priority;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.device.OutputSwitch;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The sound-and-light output: switched on while an alarm of one of its priorities waits for
 * acknowledgement (unacknowledged, active or returned to normal), off when none does. Shelving
 * acknowledges, so a shelved alarm does not keep the horn going.
 */
public final class BeaconOutput implements AlarmListener {

    private final Set<Priority> priorities = new HashSet<>();
    private final OutputSwitch output;
    private final Set<Long> waiting = new HashSet<>();
    private boolean on;

    public BeaconOutput(BeaconSettings settings, OutputSwitch output) {
        settings.priorities().forEach(p -> priorities.add(Priority.parse(p.toLowerCase(Locale.ROOT))));
        this.output = output;
        output.set(false);
    }

    @Override
    public synchronized void onAlarm(AlarmEvent event) {
        if (!priorities.contains(event.priority())) {
            return;
        }
        if (event.to().needsAcknowledgement()) {
            waiting.add(event.alarmId());
        } else {
            waiting.remove(event.alarmId());
        }
        boolean wanted = !waiting.isEmpty();
        if (wanted != on) {
            on = wanted;
            output.set(on);
        }
    }

    public synchronized boolean on() {
        return on;
    }

    public String describe() {
        return output.describe();
    }
}
