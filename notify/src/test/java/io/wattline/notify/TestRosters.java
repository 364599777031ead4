package io.wattline.notify;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.notification.FloodControl;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.core.notification.QuietHours;
import io.wattline.core.notification.RetryPolicy;
import io.wattline.core.notification.Roster;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roster the notify tests share: day shift 08:00–20:00 (zhang, then li), night shift
 * 20:00–08:00 (wang, then zhao), supervisor chen; escalation after 10 then 15 minutes.
 */
public final class TestRosters {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final ShiftCalendar CALENDAR = new ShiftCalendar(List.of(
            new Shift("day", "Day", LocalTime.of(8, 0), LocalTime.of(20, 0)),
            new Shift("night", "Night", LocalTime.of(20, 0), LocalTime.of(8, 0))),
            List.of("A", "B"), LocalDate.of(2026, 1, 5), List.of(List.of("A", "B")));
    public static final Person ZHANG = new Person("zhang", "张工", "+8613800000001", "zh-CN", List.of());
    public static final Person LI = new Person("li", "李工", "+8613800000002", "en", List.of());
    public static final Person WANG = new Person("wang", "王工", "13800000003", "zh-CN", List.of());
    public static final Person ZHAO = new Person("zhao", "赵工", "+8613800000004", "zh-CN", List.of());
    public static final Person CHEN = new Person("chen", "陈主管", "+8613800000005", "zh-CN", List.of());

    private TestRosters() {
    }

    public static Roster maintenance() {
        return new Roster("maintenance", "维修班", List.of(), Set.of(), List.of(
                new Roster.OnCall("day", null, List.of("zhang", "li")),
                new Roster.OnCall("night", null, List.of("wang", "zhao"))),
                "chen", List.of(Duration.ofMinutes(10), Duration.ofMinutes(15)));
    }

    public static NotificationSettings settings(List<String> blacklist, QuietHours quiet, FloodControl flood,
            Set<String> returnToNormal, List<SmsTransportSettings> transports) {
        return new NotificationSettings(List.of(ZHANG, LI, WANG, ZHAO, CHEN), List.of(maintenance()), blacklist,
                quiet, flood, returnToNormal, transports, RetryPolicy.DEFAULT, "86");
    }

    public static NotificationSettings settings() {
        return settings(List.of(), null, new FloodControl(Duration.ofMinutes(1), 100), Set.of("critical", "high"),
                List.of());
    }

    public static NotificationSettings withRetry(NotificationSettings s, RetryPolicy retry) {
        return new NotificationSettings(s.people(), s.rosters(), s.blacklist(), s.quietHours(), s.flood(),
                s.returnToNormal(), s.transports(), retry, s.defaultCountryCode());
    }

    /** A local time in the plant's zone on a fixed day. */
    public static Instant at(int hour, int minute) {
        return LocalDate.of(2026, 3, 2).atTime(hour, minute).atZone(ZONE).toInstant();
    }

    public static AlarmEvent event(long id, Priority priority, AlarmState from, AlarmState to, Instant time,
            String actor) {
        return new AlarmEvent(id, "rule-" + id, "line1-power.p", "line1", priority, from, to, time, 512.0, actor,
                Map.of("zh-CN", "1号线功率过高 512 kW", "en", "Line 1 power high 512 kW"));
    }

    public static AlarmEvent raised(long id, Priority priority, Instant time) {
        return event(id, priority, AlarmState.NORMAL, AlarmState.UNACKNOWLEDGED, time, "system");
    }
}
