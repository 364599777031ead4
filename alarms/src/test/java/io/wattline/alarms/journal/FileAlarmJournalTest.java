package io.wattline.alarms.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file: what goes in comes out, queries filter, and a torn last line is cut off. */
class FileAlarmJournalTest {

    @TempDir
    Path dir;

    static JournalEntry entry(long id, String source, Priority p, int minute, JournalAction action) {
        return new JournalEntry(id, "rule", source, p, Instant.parse("2026-03-02T02:00:00Z").plusSeconds(60L * minute),
                AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED, 512.25, "system", "with \"quotes\"\nand a newline",
                action, "H", "line1", null, Map.of("zh-CN", "1号线功率过高 512 kW", "en", "Line 1 power high"));
    }

    @Test
    void roundTripAndQueries() {
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            j.append(entry(1, "m1.active_power", Priority.HIGH, 0, JournalAction.RAISED));
            j.append(entry(2, "m2", Priority.CRITICAL, 1, JournalAction.RAISED));
            j.append(new JournalEntry(1, "rule", "m1.active_power", Priority.HIGH,
                    Instant.parse("2026-03-02T02:02:00Z"), AlarmState.UNACKNOWLEDGED, AlarmState.ACKNOWLEDGED, null,
                    "+8613800000001", "SMS reply"));
            j.flush();
        }
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            List<JournalEntry> all = j.all();
            assertEquals(3, all.size());
            assertEquals(entry(1, "m1.active_power", Priority.HIGH, 0, JournalAction.RAISED), all.get(0));
            assertEquals(JournalAction.ACKNOWLEDGED, all.get(2).action(), "an action inferred from the states");
            assertEquals(List.of(2L), ids(j.query(new JournalQuery(Instant.EPOCH, Instant.MAX, Priority.CRITICAL, null,
                    null, 100))));
            assertEquals(List.of(1L, 1L), ids(j.query(new JournalQuery(Instant.EPOCH, Instant.MAX, null, "m1", null,
                    100))), "a meter id matches its points");
            assertEquals(List.of(2L), ids(j.between(Instant.parse("2026-03-02T02:01:00Z"),
                    Instant.parse("2026-03-02T02:02:00Z"), 100)));
            assertEquals(List.of(1L), ids(j.between(Instant.EPOCH, Instant.MAX, 1)));
        }
    }

    @Test
    void aTornLastLineIsCutOffAndWritingGoesOn() throws IOException {
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            j.append(entry(1, "m1", Priority.HIGH, 0, JournalAction.RAISED));
        }
        Path file = dir.resolve(FileAlarmJournal.FILE_NAME);
        String whole = Files.readString(file);
        Files.writeString(file, "{\"id\":2,\"time\":\"2026-03-02T02", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            assertEquals(whole, Files.readString(file));
            j.append(entry(3, "m3", Priority.LOW, 5, JournalAction.RAISED));
            assertEquals(List.of(1L, 3L), ids(j.all()));
        }
    }

    @Test
    void aGarbledLineInTheMiddleIsSkipped() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FileAlarmJournal.FILE_NAME), "not json\n");
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            j.append(entry(4, "m1", Priority.HIGH, 0, JournalAction.RAISED));
            assertEquals(List.of(4L), ids(j.all()));
        }
    }

    private static List<Long> ids(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::alarmId).toList();
    }
}
