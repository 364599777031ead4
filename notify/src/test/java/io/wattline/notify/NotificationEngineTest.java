package io.wattline.notify;

import static io.wattline.notify.TestRosters.at;
import static io.wattline.notify.TestRosters.event;
import static io.wattline.notify.TestRosters.raised;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.notification.FloodControl;
import io.wattline.core.notification.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationEngineTest {

    private static NotificationEngine engine() {
        return new NotificationEngine(TestRosters.settings(), TestRosters.ZONE, TestRosters.CALENDAR);
    }

    private static List<String> people(List<Notification> sent) {
        return sent.stream().map(n -> n.person().id()).toList();
    }

    @Test
    void theFirstPersonOnCallInTheShiftIsToldAtOnceInTheirLanguage() {
        NotificationEngine e = engine();
        List<Notification> day = e.onAlarm(raised(1234, Priority.HIGH, at(10, 0)), at(10, 0));
        assertEquals(List.of("zhang"), people(day));
        assertEquals("【报警1234 高】1号线功率过高 512 kW 10:00 回复“确认1234”确认", day.get(0).text());
        assertEquals(List.of(1234L), day.get(0).alarmIds());

        List<Notification> night = e.onAlarm(raised(1235, Priority.HIGH, at(23, 0)), at(23, 0));
        assertEquals(List.of("wang"), people(night));
    }

    @Test
    void unacknowledgedAlarmsEscalateToTheNextPersonThenTheSupervisor() {
        NotificationEngine e = engine();
        e.onAlarm(raised(7, Priority.CRITICAL, at(10, 0)), at(10, 0));
        assertEquals(List.of(), people(e.tick(at(10, 9))));
        List<Notification> second = e.tick(at(10, 10));
        assertEquals(List.of("li"), people(second));
        assertTrue(second.get(0).text().startsWith("[Alarm 7 CRITICAL, unacknowledged 10 min]"), second.get(0).text());
        assertEquals(List.of(), people(e.tick(at(10, 24))));
        assertEquals(List.of("chen"), people(e.tick(at(10, 25))));
        assertEquals(List.of(), people(e.tick(at(12, 0))), "nobody is left after the supervisor");
        assertEquals(0, e.open());
    }

    @Test
    void anAcknowledgementStopsTheEscalation() {
        NotificationEngine e = engine();
        e.onAlarm(raised(7, Priority.HIGH, at(10, 0)), at(10, 0));
        e.onAlarm(event(7, Priority.HIGH, AlarmState.UNACKNOWLEDGED, AlarmState.ACKNOWLEDGED, at(10, 5),
                "+8613800000001"), at(10, 5));
        assertEquals(List.of(), people(e.tick(at(11, 0))));
    }

    @Test
    void blacklistedNumbersAreSkipped() {
        NotificationEngine e = new NotificationEngine(TestRosters.settings(List.of("+86 138 0000 0001"), null,
                FloodControl.DEFAULT, Set.of(), List.of()), TestRosters.ZONE, TestRosters.CALENDAR);
        assertEquals(List.of("li"), people(e.onAlarm(raised(1, Priority.HIGH, at(9, 0)), at(9, 0))));
    }

    @Test
    void quietHoursHoldLowPrioritiesUntilTheyEndAndDropWhatWasAcknowledgedMeanwhile() {
        NotificationEngine e = new NotificationEngine(TestRosters.settings(List.of(),
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), Set.of("low")), FloodControl.DEFAULT,
                Set.of(), List.of()), TestRosters.ZONE, TestRosters.CALENDAR);
        assertEquals(List.of(), people(e.onAlarm(raised(1, Priority.LOW, at(23, 0)), at(23, 0))));
        assertEquals(List.of(), people(e.onAlarm(raised(2, Priority.LOW, at(23, 30)), at(23, 30))));
        assertEquals(List.of("wang"), people(e.onAlarm(raised(3, Priority.HIGH, at(23, 30)), at(23, 30))),
                "high priorities are not held");
        e.onAlarm(event(3, Priority.HIGH, AlarmState.UNACKNOWLEDGED, AlarmState.ACKNOWLEDGED, at(23, 35), "wang"),
                at(23, 35));
        e.onAlarm(event(2, Priority.LOW, AlarmState.UNACKNOWLEDGED, AlarmState.ACKNOWLEDGED, at(23, 40), "zhang"),
                at(23, 40));
        assertEquals(List.of(), people(e.tick(at(23, 59))));
        Instant seven = at(7, 0).plus(Duration.ofDays(1));
        List<Notification> morning = e.tick(seven);
        assertEquals(List.of("wang"), people(morning), "alarm 1 goes out when quiet hours end, alarm 2 was acknowledged");
        assertEquals(List.of(1L), morning.get(0).alarmIds());
    }

    @Test
    void returnToNormalIsToldToEveryoneNotifiedForTheConfiguredPrioritiesOnly() {
        NotificationEngine e = engine();
        e.onAlarm(raised(1, Priority.HIGH, at(10, 0)), at(10, 0));
        e.tick(at(10, 10));
        List<Notification> cleared = e.onAlarm(event(1, Priority.HIGH, AlarmState.UNACKNOWLEDGED,
                AlarmState.RTN_UNACKNOWLEDGED, at(10, 12), "system"), at(10, 12));
        assertEquals(List.of("zhang", "li"), people(cleared));
        assertEquals("【恢复1】1号线功率过高 512 kW 已于10:12恢复正常", cleared.get(0).text());
        assertEquals(List.of(), people(e.tick(at(11, 0))), "no escalation after the return to normal");

        e.onAlarm(raised(2, Priority.LOW, at(10, 0)), at(10, 0));
        assertEquals(List.of(), people(e.onAlarm(event(2, Priority.LOW, AlarmState.UNACKNOWLEDGED,
                AlarmState.RTN_UNACKNOWLEDGED, at(10, 1), "system"), at(10, 1))), "low is not configured");
    }

    @Test
    void aFloodBecomesTwoMessagesAndOneSummaryNamingTheCount() {
        NotificationEngine e = new NotificationEngine(TestRosters.settings(List.of(), null,
                new FloodControl(Duration.ofMinutes(1), 2), Set.of(), List.of()), TestRosters.ZONE,
                TestRosters.CALENDAR);
        List<Notification> sent = new ArrayList<>();
        Instant t0 = at(10, 0);
        for (int i = 0; i < 500; i++) {
            Instant t = t0.plusMillis(20L * i);
            sent.addAll(e.onAlarm(raised(1000 + i, i == 300 ? Priority.CRITICAL : Priority.MEDIUM, t), t));
            sent.addAll(e.tick(t));
        }
        assertEquals(2, sent.size());
        sent.addAll(e.tick(t0.plusSeconds(60)));
        assertEquals(3, sent.size());
        Notification summary = sent.get(2);
        assertEquals("【报警汇总】1分钟内共500条报警通知,另有498条未逐条发送(最高紧急,编号1002…1499),请登录系统查看",
                summary.text());
        assertEquals(498, summary.alarmIds().size());
    }
}
