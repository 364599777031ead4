package io.wattline.notify.outbox;

import java.util.List;
import java.util.Objects;

/**
 * What is put into the outbox: a text for a phone, the transports to try in order, the alarms it
 * tells about, and a key that makes it unique (a second message with the same key is not sent).
 */
public record OutgoingMessage(String dedupKey, String to, String text, List<String> channels, List<Long> alarmIds) {

    public OutgoingMessage {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        channels = List.copyOf(channels);
        alarmIds = List.copyOf(alarmIds);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("message " + dedupKey + " has no channel to go by");
        }
    }
}
