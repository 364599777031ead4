package io.wattline.alarms.rule;

import io.wattline.core.alarm.MessagePlaceholders;
import java.util.List;
import java.util.Map;

/** An alarm message template with {@code {placeholders}} (see {@link MessagePlaceholders}), checked once. */
public record MessageTemplate(String text) {

    public MessageTemplate {
        List<String> problems = MessagePlaceholders.problems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("message template '" + text + "': " + String.join("; ", problems));
        }
    }

    /** The text with every placeholder replaced (a placeholder without a value becomes "-"). */
    public String render(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                b.append(text, i, text.length());
                break;
            }
            int close = text.indexOf('}', open);
            b.append(text, i, open);
            String value = values.get(text.substring(open + 1, close));
            b.append(value == null || value.isEmpty() ? "-" : value);
            i = close + 1;
        }
        return b.toString();
    }
}
