package io.wattline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.journal.FileAlarmJournal;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.rule.AlarmRule;
import io.wattline.core.alarm.AlarmRuleSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.wattline.core.device.DeviceState;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal survives SIGKILL: a child JVM writes alarm transitions as fast as it can and is killed
 * mid-stream; afterwards every line of the file is a whole entry, and a restarted processor has
 * exactly the states the journal's last entries say, and numbers new alarms after the highest one.
 */
@Tag("integration")
class JournalCrashIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void killedWhileWritingLosesNothingWrittenAndCorruptsNothing() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine(), "the child started writing");
            // let it write on for a while: the kill must land in the middle of the stream
            long before = Files.size(dir.resolve(FileAlarmJournal.FILE_NAME));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.size(dir.resolve(FileAlarmJournal.FILE_NAME)) < before + 100_000
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        List<JournalEntry> entries;
        long lines;
        try (FileAlarmJournal journal = FileAlarmJournal.open(dir)) {
            entries = journal.all();
            lines = Files.readAllLines(journal.file()).size();
        }
        assertTrue(entries.size() > 200, "the child wrote " + entries.size() + " entries before it was killed");
        assertEquals(lines, entries.size(), "every line left in the file is a whole entry");

        Map<String, JournalEntry> last = new HashMap<>();
        long highest = 0;
        Set<Long> raised = new HashSet<>();
        for (JournalEntry e : entries) {
            last.put(e.key(), e);
            highest = Math.max(highest, e.alarmId());
            if (e.action() == io.wattline.alarms.journal.JournalAction.RAISED
                    && e.from() == io.wattline.alarms.state.AlarmState.NORMAL) {
                assertTrue(raised.add(e.alarmId()), "alarm number " + e.alarmId() + " was given twice");
            }
        }
        AlarmRule comm = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(TestPlant.basics("comm", "high"),
                List.of()));
        AlarmProcessor restarted = TestPlant.processor(dir, Clock.systemUTC(), comm);
        for (AlarmView v : restarted.alarms()) {
            JournalEntry e = last.get(v.key());
            assertEquals(e == null ? io.wattline.alarms.state.AlarmState.NORMAL : e.to(), v.state(), v.key());
        }
        for (String meter : List.of("main", "line1-m", "line2-m", "plc1")) {
            restarted.onHealth(Health.of(meter, DeviceState.ONLINE));
        }
        restarted.alarms().stream().filter(v -> v.state().needsAcknowledgement())
                .forEach(v -> assertTrue(restarted.acknowledge(v.alarmId(), "li", "").done()));
        restarted.onHealth(Health.of("main", DeviceState.OFFLINE));
        assertEquals(highest + 1, restarted.alarms().get(0).alarmId(), "new numbers follow the highest journalled one");
    }
}
