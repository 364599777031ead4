package io.wattline.core.notification;

import java.time.LocalTime;
import java.util.Set;

/**
 * A daily span (plant time, may cross midnight) in which alarms of the listed low priorities are
 * held back and sent when it ends, if they still need attention.
 */
public record QuietHours(LocalTime start, LocalTime end, Set<String> priorities) {

    public QuietHours {
        priorities = NotificationSettings.lowerCase(priorities);
    }

    /** True when {@code time} lies in the span ({@code start} included, {@code end} not). */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
