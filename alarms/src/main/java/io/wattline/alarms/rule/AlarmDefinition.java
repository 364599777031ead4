package io.wattline.alarms.rule;

import io.wattline.alarms.Priority;
import io.wattline.alarms.journal.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configured alarm: a rule applied to one source (a point, a meter, a line) for one condition,
 * with everything needed to annunciate it. Its key ({@code rule/source[/condition]}) names it in the
 * journal for ever.
 *
 * @param condition    the rule's condition on that source ({@code HH}, {@code RISE}), or empty
 * @param limit        the limit the value is compared with, or null
 * @param unit         unit of the value and the limit (catalogue form: {@code kW}, {@code m3})
 * @param suppressible true: out of service while its line is stopped (suppression by design)
 * @param names        placeholder values that never change: {@code point}, {@code meter}, {@code line}, {@code rule}
 */
public record AlarmDefinition(String ruleId, String ruleName, String type, String source, String condition,
        String lineId, Priority priority, Double limit, String unit, Duration onDelay, Duration offDelay,
        boolean suppressible, Map<String, MessageTemplate> templates, Map<String, String> names) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public AlarmDefinition {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        condition = condition == null ? "" : condition;
        unit = unit == null ? "" : unit;
        onDelay = onDelay == null ? Duration.ZERO : onDelay;
        offDelay = offDelay == null ? Duration.ZERO : offDelay;
        templates = Map.copyOf(templates);
        names = Map.copyOf(names);
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("alarm " + ruleId + "/" + source + " has no message template");
        }
    }

    public String key() {
        return JournalEntry.alarmKey(ruleId, source, condition);
    }

    /** The message in every language, for a value at a time (shown in the plant's zone). */
    public Map<String, String> messages(Double value, Instant time, ZoneId zone) {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((language, template) -> {
            Map<String, String> values = new HashMap<>(names);
            values.put("value", value == null ? "" : ValueFormat.number(value));
            values.put("limit", limit == null ? "" : ValueFormat.number(limit));
            values.put("unit", ValueFormat.unit(unit));
            values.put("time", time.atZone(zone).format(TIME));
            values.put("level", condition.isEmpty() ? "" : RuleTexts.level(condition, language));
            out.put(language, template.render(values));
        });
        return out;
    }
}
