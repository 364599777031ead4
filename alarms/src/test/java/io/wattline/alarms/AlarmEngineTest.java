package io.wattline.alarms;

import static io.wattline.alarms.TestPlant.LINE2_POWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.journal.FileAlarmJournal;
import io.wattline.alarms.journal.JournalAction;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.journal.JournalQuery;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.device.DeviceState;
import io.wattline.core.energy.EnergyFigures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on its own thread: callbacks queue, commands answer, listeners hear every change once. */
class AlarmEngineTest {

    @TempDir
    Path dir;

    private static AlarmSettings settings() {
        return new AlarmSettings(List.of(
                new AlarmRuleSettings.CommunicationLoss(TestPlant.basics("comm", "critical"), List.of()),
                new AlarmRuleSettings.Limit(TestPlant.basics("power", "high"), List.of(LINE2_POWER.toString()),
                        null, 200.0, null, null, 10, Map.of(), false)), List.of(), List.of(), null);
    }

    private AlarmEngine engine() {
        return AlarmEngine.create(TestPlant.catalogue(), settings(), EnergyFigures.none(), FileAlarmJournal.open(dir),
                Clock.systemUTC()).start(Duration.ofMillis(100));
    }

    private static AlarmEvent next(BlockingQueue<AlarmEvent> events) throws InterruptedException {
        AlarmEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "an alarm event within 10 s");
        return e;
    }

    @Test
    void samplesAndHealthRaiseCommandsAnswerListenersHearAndALateListenerGetsTheReplay() throws Exception {
        BlockingQueue<AlarmEvent> events = new LinkedBlockingQueue<>();
        long powerId;
        try (AlarmEngine engine = engine()) {
            engine.addListener(events::add);
            engine.onSample(Sample.good(LINE2_POWER, Instant.now(), 250));
            AlarmEvent raised = next(events);
            assertTrue(raised.raised());
            assertEquals("line2", raised.lineId());
            powerId = raised.alarmId();
            engine.onHealth(Health.of("main", DeviceState.OFFLINE));
            AlarmEvent comm = next(events);
            assertEquals("main", comm.source());

            assertEquals(AlarmCommands.Outcome.ok(), engine.acknowledge(comm.alarmId(), "zhang", "on my way"));
            assertEquals(AlarmState.ACKNOWLEDGED, next(events).to());
            assertTrue(!engine.acknowledge(424242, "zhang", "").done());
            AlarmView view = engine.alarms().stream().filter(v -> v.key().equals("comm/main")).findFirst()
                    .orElseThrow();
            assertEquals(AlarmState.ACKNOWLEDGED, view.state());

            List<JournalEntry> acks = engine.journal(new JournalQuery(Instant.EPOCH, Instant.MAX, null, "main", null,
                    10));
            assertEquals(List.of(JournalAction.RAISED, JournalAction.ACKNOWLEDGED),
                    acks.stream().map(JournalEntry::action).toList());
            assertEquals("zhang", acks.get(1).actor());
        }
        // after a restart a new listener hears the alarm still waiting for acknowledgement, once
        BlockingQueue<AlarmEvent> late = new LinkedBlockingQueue<>();
        try (AlarmEngine engine = engine()) {
            engine.addListener(late::add);
            AlarmEvent replayed = next(late);
            assertEquals(powerId, replayed.alarmId());
            assertTrue(replayed.raised());
            assertNull(late.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aListenerMayActOnTheEngineFromItsCallback() throws Exception {
        BlockingQueue<AlarmEvent> events = new LinkedBlockingQueue<>();
        try (AlarmEngine engine = engine()) {
            engine.addListener(e -> {
                events.add(e);
                if (e.raised()) {
                    engine.acknowledge(e.alarmId(), "auto", "acknowledged from the callback");
                }
            });
            engine.onHealth(Health.of("plc1", DeviceState.OFFLINE));
            assertTrue(next(events).raised());
            assertEquals("auto", next(events).actor());
        }
    }
}
