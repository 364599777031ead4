package io.wattline.notify;

import io.wattline.alarms.Priority;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every text Wattline sends by SMS, in Chinese ({@code zh-CN}) or English ({@code en}): alarm,
 * escalation, return to normal, flood summary, and the answers to replies. Short on purpose: a
 * Chinese SMS holds 70 characters before it is split.
 */
public final class SmsTexts {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;

    public SmsTexts(ZoneId zone) {
        this.zone = zone;
    }

    static boolean chinese(String language) {
        return language == null || language.startsWith("zh");
    }

    public String alarm(String language, long alarmId, Priority priority, String message, Instant time,
            Duration unacknowledgedFor) {
        String at = CLOCK.format(time.atZone(zone));
        if (chinese(language)) {
            String late = unacknowledgedFor == null ? "" : " " + unacknowledgedFor.toMinutes() + "分钟未确认";
            return "【报警" + alarmId + " " + priorityName(language, priority) + late + "】" + message + " " + at
                    + " 回复“确认" + alarmId + "”确认";
        }
        String late = unacknowledgedFor == null ? "" : ", unacknowledged " + unacknowledgedFor.toMinutes() + " min";
        return "[Alarm " + alarmId + " " + priorityName(language, priority) + late + "] " + message + " " + at
                + ". Reply ACK " + alarmId + " to acknowledge";
    }

    public String returnedToNormal(String language, long alarmId, String message, Instant time) {
        String at = CLOCK.format(time.atZone(zone));
        return chinese(language) ? "【恢复" + alarmId + "】" + message + " 已于" + at + "恢复正常"
                : "[Cleared " + alarmId + "] " + message + " returned to normal at " + at;
    }

    /** A flood summary: names how many messages there were and how many were held. */
    public String summary(String language, int total, List<Long> heldAlarmIds, Priority highest, Duration window) {
        String ids = heldAlarmIds.size() == 1 ? String.valueOf(heldAlarmIds.get(0))
                : heldAlarmIds.get(0) + "…" + heldAlarmIds.get(heldAlarmIds.size() - 1);
        String span = minutes(window);
        if (chinese(language)) {
            return "【报警汇总】" + span + "分钟内共" + total + "条报警通知,另有" + heldAlarmIds.size()
                    + "条未逐条发送(最高" + priorityName(language, highest) + ",编号" + ids + "),请登录系统查看";
        }
        return "[Alarm summary] " + total + " alarm notifications in " + span + " min; " + heldAlarmIds.size()
                + " more not sent one by one (highest " + priorityName(language, highest) + ", ids " + ids
                + "). See Wattline";
    }

    public String acknowledged(String language, long alarmId) {
        return chinese(language) ? "报警" + alarmId + "已确认" : "Alarm " + alarmId + " acknowledged";
    }

    public String notAcknowledged(String language, long alarmId, String reason) {
        return chinese(language) ? "报警" + alarmId + "未能确认:" + reason
                : "Alarm " + alarmId + " not acknowledged: " + reason;
    }

    public String notNotified(String language, long alarmId) {
        return chinese(language) ? "您未收到报警" + alarmId + "的通知,不能确认"
                : "You were not notified of alarm " + alarmId + ", so you cannot acknowledge it";
    }

    public String help(String language) {
        return chinese(language) ? "回复“确认 编号”确认报警,例如:确认 1234"
                : "Reply ACK <id> to acknowledge an alarm, e.g. ACK 1234";
    }

    static String priorityName(String language, Priority p) {
        if (!chinese(language)) {
            return p.name();
        }
        return switch (p) {
            case CRITICAL -> "紧急";
            case HIGH -> "高";
            case MEDIUM -> "中";
            case LOW -> "低";
        };
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 && d.toSeconds() % 60 == 0 ? String.valueOf(m) : String.format(java.util.Locale.ROOT, "%.1f",
                d.toMillis() / 60_000.0);
    }
}
