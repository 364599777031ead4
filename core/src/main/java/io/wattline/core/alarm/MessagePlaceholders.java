package io.wattline.core.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The placeholders an alarm message template may use, and the check of a template (configuration
 * checks it, the alarm engine fills it in): {@code {point}}, {@code {meter}}, {@code {line}},
 * {@code {value}}, {@code {unit}}, {@code {limit}}, {@code {time}}, {@code {level}}, {@code {rule}}.
 * Numbers come formatted for people; times in the plant's zone.
 */
public final class MessagePlaceholders {

    public static final Set<String> NAMES = Set.of("point", "meter", "line", "value", "unit", "limit", "time",
            "level", "rule");
    /** The languages every message template is written in. */
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private MessagePlaceholders() {
    }

    /** What is wrong with a template (unknown placeholders, unbalanced braces); empty when it is usable. */
    public static List<String> problems(String template) {
        List<String> out = new ArrayList<>();
        if (template == null || template.isBlank()) {
            out.add("the message is empty");
            return out;
        }
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                out.add("'}' at character " + (i + 1) + " closes no placeholder");
                i++;
                continue;
            }
            if (c != '{') {
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            int nextOpen = template.indexOf('{', i + 1);
            if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                out.add("'{' at character " + (i + 1) + " is not closed");
                i++;
                continue;
            }
            String name = template.substring(i + 1, end);
            if (!NAMES.contains(name)) {
                out.add("unknown placeholder {" + name + "}; use " + String.join(", ",
                        NAMES.stream().sorted().map(n -> "{" + n + "}").toList()));
            }
            i = end + 1;
        }
        return out;
    }
}
