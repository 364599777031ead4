package io.wattline.notify.smpp;

import static io.wattline.notify.TestRosters.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.notification.FloodControl;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.RetryPolicy;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.NotificationService;
import io.wattline.notify.RecordingAlarmCommands;
import io.wattline.notify.SmsTexts;
import io.wattline.notify.TestRosters;
import io.wattline.notify.outbox.DeliveryRecord;
import io.wattline.notify.outbox.DeliveryStatus;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarm notification end to end against a real SMSC (the npm smpp server): alarm event → SMS
 * decoded at the SMSC; SMSC-originated replies → AlarmCommands. The alarm engine is not built
 * yet, so events are made here and AlarmCommands is {@link RecordingAlarmCommands}.
 */
@Tag("integration")
class SmppSmscIntegrationTest {

    static final Path WORK = Path.of("target/node-smpp").toAbsolutePath();
    private static final String ZHANG = "8613800000001";
    private static final Duration WAIT = Duration.ofSeconds(20);
    static final RetryPolicy FAST_RETRY = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(2));

    @TempDir
    Path data;

    private SmscPeer smsc;
    private NotificationService service;
    private final RecordingAlarmCommands commands = new RecordingAlarmCommands();
    /** Runs in real time from 10:00 on a day-shift morning, so zhang is first on call. */
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at(10, 0)));

    static SmsTransportSettings.Smpp smpp(int port, double rate) {
        return new SmsTransportSettings.Smpp("smsc", "127.0.0.1", port, "wattline", "${SMPP_PASSWORD}", "", "10690000",
                rate, Duration.ofMillis(300), Duration.ofMillis(200), true);
    }

    private void start(FloodControl flood) throws Exception {
        smsc = SmscPeer.start(WORK, SmscPeer.freePort(), "s3cret");
        NotificationSettings settings = TestRosters.withRetry(TestRosters.settings(List.of(), null, flood,
                Set.of("high"), List.of(smpp(smsc.port(), 200))), FAST_RETRY);
        service = NotificationService.start(settings, TestRosters.ZONE, TestRosters.CALENDAR, data, commands, clock,
                Map.of("SMPP_PASSWORD", "s3cret")::get);
        smsc.await("bind", e -> true, WAIT);
    }

    @BeforeEach
    void startDefault(org.junit.jupiter.api.TestInfo info) throws Exception {
        if (!info.getTags().contains("flood")) {
            start(new FloodControl(Duration.ofMinutes(1), 100));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private AlarmEvent raised(long id, String zh) {
        return new AlarmEvent(id, "comm-loss", "meter-7", "line1", Priority.HIGH, AlarmState.NORMAL,
                AlarmState.UNACKNOWLEDGED, clock.instant(), null, "system", Map.of("zh-CN", zh, "en", "meter 7 silent"));
    }

    @Test
    void anAlarmArrivesAtTheSmscAsUcs2ChineseAndItsReceiptMarksItDelivered() throws Exception {
        AlarmEvent event = raised(1234, "7号电表通信中断");
        service.listener().onAlarm(event);
        SmscPeer.Event sms = smsc.await("message", e -> e.get("to").equals(ZHANG), WAIT);
        String expected = new SmsTexts(TestRosters.ZONE).alarm("zh-CN", 1234, Priority.HIGH, "7号电表通信中断",
                event.time(), null);
        assertEquals(expected, sms.get("text"), "decoded by the SMSC");
        assertEquals("8", sms.get("dataCoding"));
        assertEquals("1", sms.get("parts"));
        Await.until(() -> service.outbox().recent(1).get(0).status() == DeliveryStatus.DELIVERED, WAIT,
                () -> "receipt applied: " + service.outbox().recent(1));
    }

    @Test
    void aReplyFromTheNotifiedPhoneAcknowledgesAndIsConfirmed() throws Exception {
        service.listener().onAlarm(raised(1234, "7号电表通信中断"));
        smsc.await("message", e -> e.get("to").equals(ZHANG), WAIT);
        Await.until(() -> service.outbox().notified("+" + ZHANG, 1234), WAIT, () -> "submitted");

        smsc.deliver(ZHANG, "确认 1234");
        SmscPeer.Event answer = smsc.await("message", e -> e.get("text").contains("已确认"), WAIT);
        assertEquals(ZHANG, answer.get("to"));
        assertEquals("报警1234已确认", answer.get("text"));
        assertEquals(List.of(new RecordingAlarmCommands.Call("acknowledge", 1234, "+" + ZHANG, "SMS reply")),
                commands.calls());
    }

    @Test
    void unknownNumbersAndAlarmsThePhoneWasNotToldOfAcknowledgeNothing() throws Exception {
        service.listener().onAlarm(raised(1234, "7号电表通信中断"));
        smsc.await("message", e -> e.get("to").equals(ZHANG), WAIT);
        Await.until(() -> service.outbox().notified("+" + ZHANG, 1234), WAIT, () -> "submitted");

        smsc.deliver("8613999999999", "确认 1234");
        smsc.deliver(ZHANG, "ACK 999");
        SmscPeer.Event refused = smsc.await("message", e -> e.get("text").contains("999"), WAIT);
        assertEquals("您未收到报警999的通知,不能确认", refused.get("text"));
        smsc.deliver(ZHANG, "你好");
        SmscPeer.Event help = smsc.await("message", e -> e.get("text").startsWith("回复"), WAIT);
        assertEquals(ZHANG, help.get("to"));
        // Replies are handled in order on one thread: by the help answer, both others were handled.
        assertEquals(List.of(), commands.calls());
        assertTrue(smsc.events("message").stream().noneMatch(e -> e.get("to").equals("8613999999999")),
                "an unknown number gets no answer");
    }

    @Test
    void aHundredAndFiftyCharacterChineseMessageArrivesAsThreePartsJoinedAtTheSmsc() throws Exception {
        SmsTexts texts = new SmsTexts(TestRosters.ZONE);
        Instant time = clock.instant();
        int frame = texts.alarm("zh-CN", 4321, Priority.HIGH, "", time, null).length();
        String body = "一号空压机排气温度过高请立即检查冷却水".repeat(10).substring(0, 150 - frame);
        AlarmEvent event = new AlarmEvent(4321, "temp-high", "compressor-1", "line1", Priority.HIGH,
                AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED, time, 98.5, "system", Map.of("zh-CN", body));
        String expected = texts.alarm("zh-CN", 4321, Priority.HIGH, body, time, null);
        assertEquals(150, expected.length());

        service.listener().onAlarm(event);
        SmscPeer.Event sms = smsc.await("message", e -> e.get("to").equals(ZHANG), WAIT);
        assertEquals("3", sms.get("parts"));
        assertEquals(expected, sms.get("text"));
        List<SmscPeer.Event> parts = smsc.events("submit");
        assertEquals(List.of("1", "2", "3"), parts.stream().map(e -> e.get("seq")).toList());
        assertEquals(List.of("67", "67", "16"), parts.stream().map(e -> String.valueOf(e.get("text").length())).toList());
        assertTrue(parts.stream().allMatch(e -> (Integer.parseInt(e.get("esmClass")) & 0x40) != 0), "UDHI set");
        Await.until(() -> service.outbox().recent(1).get(0).status() == DeliveryStatus.DELIVERED, WAIT,
                () -> "all three receipts applied: " + service.outbox().recent(1));
    }

    @Test
    void theTransportKeepsTheLinkAliveRebindsAfterADropAndRetriesThrottledMessages() throws Exception {
        smsc.await("enquire_link", e -> true, WAIT);
        smsc.drop();
        smsc.awaitCount("bind", e -> true, 2, WAIT);
        smsc.throttle(2);
        service.listener().onAlarm(raised(77, "2号线停机"));
        smsc.await("message", e -> e.get("to").equals(ZHANG), WAIT);
        assertEquals(2, smsc.events("throttled").size());
        DeliveryRecord r = service.outbox().recent(1).get(0);
        assertEquals(3, r.attempts(), r.toString());
    }

    @Test
    @Tag("flood")
    void fiveHundredAlarmsInTenSecondsBecomeAtMostThreeSmsAndTheSummaryNamesTheCount() throws Exception {
        start(new FloodControl(Duration.ofSeconds(12), 2));
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            long due = t0 + i * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            service.listener().onAlarm(raised(5000 + i, "3号线报警" + i));
        }
        assertTrue(System.nanoTime() - t0 < 11_000_000_000L, "500 alarms in about 10 s");
        SmscPeer.Event summary = smsc.await("message", e -> e.get("text").startsWith("【报警汇总】"), WAIT);
        assertTrue(summary.get("text").contains("共500条") && summary.get("text").contains("另有498条"),
                summary.get("text"));
        List<SmscPeer.Event> toZhang = smsc.events("message").stream().filter(e -> e.get("to").equals(ZHANG)).toList();
        assertEquals(3, toZhang.size(), toZhang.toString());
        assertEquals(3, smsc.events("message").size(), "nobody else was told");
    }
}
