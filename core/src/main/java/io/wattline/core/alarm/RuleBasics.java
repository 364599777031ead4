package io.wattline.core.alarm;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every alarm rule of the plant file has, whatever its type: its id, priority (the lower-case
 * name of an alarm priority: {@code critical}, {@code high}, {@code medium}, {@code low}), on- and
 * off-delay, and its message templates per language ({@code zh-CN}, {@code en}; empty: the rule
 * type's default texts).
 *
 * @param onDelay  how long the condition must hold before the alarm is raised
 * @param offDelay how long the condition must be gone before the alarm returns to normal
 */
public record RuleBasics(String id, String name, String priority, Duration onDelay, Duration offDelay,
        Map<String, String> messages) {

    public RuleBasics {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        priority = priority == null ? "medium" : priority;
        onDelay = onDelay == null ? Duration.ZERO : onDelay;
        offDelay = offDelay == null ? Duration.ZERO : offDelay;
        messages = messages == null ? Map.of() : Map.copyOf(messages);
    }
}
