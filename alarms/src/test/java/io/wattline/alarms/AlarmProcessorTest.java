package io.wattline.alarms;

import static io.wattline.alarms.TestPlant.LINE1_STATE;
import static io.wattline.alarms.TestPlant.LINE1_TEMP;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static io.wattline.alarms.TestPlant.sample;
import static io.wattline.alarms.state.AlarmState.ACKNOWLEDGED;
import static io.wattline.alarms.state.AlarmState.NORMAL;
import static io.wattline.alarms.state.AlarmState.RTN_UNACKNOWLEDGED;
import static io.wattline.alarms.state.AlarmState.UNACKNOWLEDGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.journal.FileAlarmJournal;
import io.wattline.alarms.journal.JournalAction;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.rule.AlarmRule;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.device.DeviceState;
import io.wattline.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ISA-18.2 life of alarms in the processor, with a clock the test sets. */
class AlarmProcessorTest {

    private static final String TEMP_H = "oil/line1-m.temperature/H";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(at(0, 10, 0));
    private AlarmProcessor processor;

    /** Oil temperature high at 100 °C (deadband 2, on-delay 10 s, off-delay 5 s) and communication loss. */
    static AlarmRule[] rules() {
        return new AlarmRule[] {
                TestPlant.rule(new AlarmRuleSettings.Limit(basics("oil", "high", Duration.ofSeconds(10),
                        Duration.ofSeconds(5)), List.of(LINE1_TEMP.toString()), null, 100.0, null, null, 2, Map.of(),
                        true)),
                TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(basics("comm", "critical"), List.of()))};
    }

    @BeforeEach
    void start() {
        processor = TestPlant.processor(dir, clock, rules());
    }

    private void temperature(int secondsAfterTen, double value) {
        Instant t = at(0, 10, 0).plusSeconds(secondsAfterTen);
        clock.set(t);
        processor.onSample(sample(LINE1_TEMP, t, value));
    }

    private AlarmView view(String key) {
        return processor.alarms().stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow();
    }

    private List<JournalEntry> journal() {
        try (FileAlarmJournal j = FileAlarmJournal.open(dir)) {
            return j.all();
        }
    }

    @Test
    void onDelayRaisesOnlyAConditionThatHeldAndOffDelayClearsOnlyOneThatStayedAway() {
        temperature(0, 105);
        temperature(5, 104);
        temperature(6, 99);     // back under the limit but inside the deadband: still abnormal
        temperature(9, 97);     // below 98: normal before the on-delay ran out
        processor.tick(at(0, 10, 30));
        assertEquals(NORMAL, view(TEMP_H).state());
        assertEquals(List.of(), processor.drainEvents());

        temperature(40, 101);
        temperature(45, 103);
        assertEquals(NORMAL, view(TEMP_H).state());
        processor.tick(at(0, 10, 50));              // 10 s after 10:00:40, by the clock alone
        AlarmView raised = view(TEMP_H);
        assertEquals(UNACKNOWLEDGED, raised.state());
        assertEquals(1L, raised.alarmId());
        assertEquals(at(0, 10, 50), raised.raisedAt());
        List<AlarmEvent> events = processor.drainEvents();
        assertEquals(1, events.size());
        assertTrue(events.get(0).raised());
        assertEquals("Line 1 meter Oil temperature高报警 103 °C(限值 100 °C)", events.get(0).message("zh-CN"));

        temperature(60, 97);
        temperature(63, 101);   // back before the off-delay ran out
        temperature(66, 97);
        temperature(70, 96);
        assertEquals(UNACKNOWLEDGED, view(TEMP_H).state());
        temperature(71, 96);    // 5 s after 10:01:06
        assertEquals(RTN_UNACKNOWLEDGED, view(TEMP_H).state());
    }

    @Test
    void acknowledgedThenClearedEndsTheOccurrence() {
        processor.onHealth(Health.of("line2-m", DeviceState.OFFLINE));
        long id = view("comm/line2-m").alarmId();
        assertEquals(UNACKNOWLEDGED, view("comm/line2-m").state());

        clock.set(at(0, 10, 3));
        assertEquals(AlarmCommands.Outcome.ok(), processor.acknowledge(id, "+8613800000001", "SMS reply"));
        assertEquals(ACKNOWLEDGED, view("comm/line2-m").state());
        assertFalse(processor.acknowledge(id, "li", "again").done());

        processor.onHealth(Health.of("line2-m", DeviceState.ONLINE));
        assertEquals(NORMAL, view("comm/line2-m").state());
        assertFalse(processor.acknowledge(id, "li", "late").done());

        List<AlarmEvent> events = processor.drainEvents();
        assertEquals(List.of("NORMAL>UNACKNOWLEDGED", "UNACKNOWLEDGED>ACKNOWLEDGED", "ACKNOWLEDGED>NORMAL"),
                events.stream().map(e -> e.from() + ">" + e.to()).toList());
        assertTrue(events.get(1).acknowledged());
        assertEquals("+8613800000001", events.get(1).actor());
        assertTrue(events.get(2).returnedToNormal());

        List<JournalEntry> journal = journal();
        assertEquals(List.of(JournalAction.RAISED, JournalAction.ACKNOWLEDGED, JournalAction.CLEARED),
                journal.stream().map(JournalEntry::action).toList());
        JournalEntry ack = journal.get(1);
        assertEquals("+8613800000001", ack.actor());
        assertEquals("SMS reply", ack.comment());
        assertEquals(at(0, 10, 3), ack.time());
        assertEquals(id, ack.alarmId());
        assertEquals("line2", ack.lineId());
    }

    @Test
    void returnedToNormalUnacknowledgedKeepsItsNumberWhenItComesBack() {
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        long id = view("comm/main").alarmId();
        processor.onHealth(Health.of("main", DeviceState.ONLINE));
        assertEquals(RTN_UNACKNOWLEDGED, view("comm/main").state());
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        assertEquals(UNACKNOWLEDGED, view("comm/main").state());
        assertEquals(id, view("comm/main").alarmId());
        processor.onHealth(Health.of("main", DeviceState.ONLINE));
        assertEquals(AlarmCommands.Outcome.ok(), processor.acknowledge(id, "wang", ""));
        assertEquals(NORMAL, view("comm/main").state());
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        assertEquals(id + 1, view("comm/main").alarmId(), "a new occurrence gets a new number");
        assertFalse(processor.acknowledge(id, "wang", "").done(), "the old number is over");
    }

    @Test
    void shelvingAcknowledgesHoldsBackNewActivationsAndExpires() {
        processor.onHealth(Health.of("line1-m", DeviceState.OFFLINE));
        long id = view("comm/line1-m").alarmId();
        assertFalse(processor.shelve(id, "li", Duration.ofHours(9), "maintenance").done(), "longer than 8 h");
        assertFalse(processor.shelve(id, "li", Duration.ofHours(1), " ").done(), "a reason is required");
        assertFalse(processor.shelve(999, "li", Duration.ofHours(1), "x").done());
        assertEquals(AlarmCommands.Outcome.ok(), processor.shelve(id, "li", Duration.ofHours(1), "meter swap"));
        AlarmView shelved = view("comm/line1-m");
        assertEquals(ACKNOWLEDGED, shelved.state());
        assertEquals(at(0, 11, 0), shelved.shelvedUntil());
        assertEquals("meter swap", shelved.shelveReason());

        processor.onHealth(Health.of("line1-m", DeviceState.ONLINE));
        assertEquals(NORMAL, view("comm/line1-m").state());
        processor.onHealth(Health.of("line1-m", DeviceState.OFFLINE));
        assertEquals(NORMAL, view("comm/line1-m").state(), "held back while shelved");
        assertTrue(view("comm/line1-m").conditionActive());

        processor.tick(at(0, 11, 0));
        AlarmView back = view("comm/line1-m");
        assertNull(back.shelvedUntil());
        assertEquals(UNACKNOWLEDGED, back.state(), "raised anew when the shelving expired");
        assertEquals(id + 1, back.alarmId());
        assertEquals(List.of(JournalAction.RAISED, JournalAction.SHELVED, JournalAction.CLEARED,
                JournalAction.SHELVE_EXPIRED, JournalAction.RAISED),
                journal().stream().map(JournalEntry::action).toList());
    }

    @Test
    void unshelvingByHand() {
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        long id = view("comm/main").alarmId();
        processor.shelve(id, "li", Duration.ofMinutes(30), "known fault");
        assertFalse(processor.unshelve(id + 7, "li", "").done());
        assertEquals(AlarmCommands.Outcome.ok(), processor.unshelve(id, "zhang", "fixed?"));
        assertFalse(processor.unshelve(id, "zhang", "").done(), "not shelved any more");
        assertEquals(ACKNOWLEDGED, view("comm/main").state(), "still active and acknowledged");
    }

    @Test
    void aStoppedLineSuppressesItsProcessAlarmsButNotCommunicationLoss() {
        clock.set(at(0, 10, 0));
        processor.onSample(sample(LINE1_STATE, at(0, 10, 0), 0));
        temperature(1, 120);
        temperature(20, 120);
        processor.tick(at(0, 10, 30));
        AlarmView held = view(TEMP_H);
        assertEquals(NORMAL, held.state());
        assertTrue(held.suppressed());
        assertTrue(held.notable(), "an abnormal condition under suppression is still worth listing");
        processor.onHealth(Health.of("line1-m", DeviceState.OFFLINE));
        assertEquals(UNACKNOWLEDGED, view("comm/line1-m").state());

        processor.onSample(sample(LINE1_STATE, at(0, 10, 31), 1));
        assertFalse(view(TEMP_H).suppressed());
        processor.onSample(sample(LINE1_STATE, at(0, 10, 32), 0));
        assertTrue(view(TEMP_H).suppressed());
        assertEquals(UNACKNOWLEDGED, view(TEMP_H).state(), "an annunciated alarm stays until acknowledged or cleared");
        assertEquals(UNACKNOWLEDGED, view(TEMP_H).state(), "raised when the line runs again");
        List<JournalAction> actions = journal().stream().filter(e -> e.ruleId().equals("oil"))
                .map(JournalEntry::action).toList();
        assertEquals(List.of(JournalAction.UNSUPPRESSED, JournalAction.RAISED, JournalAction.SUPPRESSED), actions,
                "the first stop did not matter to a normal alarm; the start and the second stop did");
    }

    @Test
    void activeAlarmsNumbersAndShelvingSurviveARestart() {
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        processor.onHealth(Health.of("line1-m", DeviceState.OFFLINE));
        processor.onHealth(Health.of("line2-m", DeviceState.OFFLINE));
        long main = view("comm/main").alarmId();
        long line1 = view("comm/line1-m").alarmId();
        processor.acknowledge(main, "wang", "");
        processor.shelve(line1, "li", Duration.ofHours(2), "rewiring");

        clock.set(at(0, 10, 5));
        AlarmProcessor restarted = TestPlant.processor(dir, clock, rules());
        Map<String, AlarmState> states = new java.util.HashMap<>();
        restarted.alarms().forEach(v -> states.put(v.key(), v.state()));
        assertEquals(ACKNOWLEDGED, states.get("comm/main"));
        assertEquals(ACKNOWLEDGED, states.get("comm/line1-m"));
        assertEquals(UNACKNOWLEDGED, states.get("comm/line2-m"));
        AlarmView shelved = restarted.alarms().stream().filter(v -> v.key().equals("comm/line1-m")).findFirst()
                .orElseThrow();
        assertEquals(at(0, 12, 0), shelved.shelvedUntil());
        assertEquals("li", shelved.shelvedBy());

        List<AlarmEvent> replay = restarted.replay();
        assertEquals(1, replay.size(), "only what waits for acknowledgement is replayed");
        assertEquals(at(0, 10, 0), replay.get(0).time(), "at the time it was raised");
        assertTrue(replay.get(0).raised());

        restarted.onHealth(Health.of("plc1", DeviceState.OFFLINE));
        assertEquals(main + 3, restarted.alarms().stream().filter(v -> v.key().equals("comm/plc1")).findFirst()
                .orElseThrow().alarmId(), "numbers continue after a restart");
        assertEquals(AlarmCommands.Outcome.ok(), restarted.acknowledge(main + 2, "+8613800000001", "SMS reply"));
    }

    @Test
    void anActiveAlarmOfARemovedRuleIsRetiredAtStart() {
        processor.onHealth(Health.of("main", DeviceState.OFFLINE));
        AlarmProcessor withoutComm = TestPlant.processor(dir, clock, rules()[0]);
        assertEquals(1, withoutComm.alarms().size());
        JournalEntry last = journal().get(journal().size() - 1);
        assertEquals(JournalAction.RETIRED, last.action());
        assertEquals(NORMAL, last.to());
        assertEquals("comm/main", last.key());
    }
}
