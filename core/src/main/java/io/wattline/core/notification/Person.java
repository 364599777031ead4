package io.wattline.core.notification;

import java.util.List;
import java.util.Objects;

/**
 * Someone who may be notified: a phone number, the language of their messages ({@code zh-CN} or
 * {@code en}), and the transports to reach them by, in order (empty: the first configured one).
 */
public record Person(String id, String name, String phone, String language, List<String> channels) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phone, "phone");
        name = name == null ? id : name;
        language = language == null ? "zh-CN" : language;
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
