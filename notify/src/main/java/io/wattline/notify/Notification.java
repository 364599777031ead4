package io.wattline.notify;

import io.wattline.core.notification.Person;
import java.util.List;

/**
 * One SMS the engine decided to send: to whom, what, the key that makes it unique (the outbox
 * sends a key once), and the alarms it tells the person about (what a reply may acknowledge).
 */
public record Notification(Person person, String text, String dedupKey, List<Long> alarmIds) {

    public Notification {
        alarmIds = List.copyOf(alarmIds);
    }
}
