package io.wattline.alarms.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.device.OutputSwitch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The horn is on while a critical or high alarm waits for acknowledgement. */
class BeaconOutputTest {

    /** Records what it was switched to (the Modbus switch itself is tested against pymodbus in collector). */
    static final class RecordingSwitch implements OutputSwitch {
        final List<Boolean> writes = new ArrayList<>();

        @Override
        public void set(boolean on) {
            writes.add(on);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }

    private static AlarmEvent event(long id, Priority p, AlarmState from, AlarmState to) {
        return new AlarmEvent(id, "r", "m1", null, p, from, to, Instant.EPOCH, null, "system", Map.of("en", "x"));
    }

    @Test
    void onWhileAnyAlarmOfItsPrioritiesIsUnacknowledged() {
        RecordingSwitch sw = new RecordingSwitch();
        BeaconOutput beacon = new BeaconOutput(new BeaconSettings("horn", "gw", 5, true, 0, 1, 0,
                Set.of("critical", "high"), null), sw);
        beacon.onAlarm(event(1, Priority.LOW, AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED));
        beacon.onAlarm(event(2, Priority.HIGH, AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED));
        beacon.onAlarm(event(3, Priority.CRITICAL, AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED));
        beacon.onAlarm(event(2, Priority.HIGH, AlarmState.UNACKNOWLEDGED, AlarmState.ACKNOWLEDGED));
        beacon.onAlarm(event(3, Priority.CRITICAL, AlarmState.UNACKNOWLEDGED, AlarmState.RTN_UNACKNOWLEDGED));
        beacon.onAlarm(event(3, Priority.CRITICAL, AlarmState.RTN_UNACKNOWLEDGED, AlarmState.NORMAL));
        assertEquals(List.of(false, true, false), sw.writes);
        assertEquals(false, beacon.on());
    }
}
