package io.wattline.alarms;

import io.wattline.alarms.rule.AlarmRule;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.device.DeviceState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Run by {@link JournalCrashIntegrationTest} in a JVM of its own: toggles the communication health
 * of the test plant's meters as fast as it can (every change a journal entry, synced per step) and
 * prints "ready" after the first hundred steps, until it is killed.
 */
public final class JournalCrashChild {

    private JournalCrashChild() {
    }

    public static void main(String[] args) {
        AlarmRule comm = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(TestPlant.basics("comm", "high"),
                List.of()));
        AlarmProcessor processor = TestPlant.processor(Path.of(args[0]), Clock.systemUTC(), comm);
        String[] meters = {"main", "line1-m", "line2-m", "plc1"};
        for (long step = 0; ; step++) {
            String meter = meters[(int) (step % meters.length)];
            boolean offline = (step / meters.length) % 2 == 0;
            processor.onHealth(Health.of(meter, offline ? DeviceState.OFFLINE : DeviceState.ONLINE));
            if (step % 7 == 3) {
                processor.alarms().stream().filter(v -> v.alarmId() != null && v.state().needsAcknowledgement())
                        .findFirst().ifPresent(v -> processor.acknowledge(v.alarmId(), "+8613800000001", "SMS"));
            }
            if (step == 100) {
                System.out.println("ready");
                System.out.flush();
            }
            if (step % 1000 == 999) {
                processor.drainEvents();
            }
        }
    }
}
