package io.wattline.alarms.journal;

import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One journal entry as one line of flat JSON, and back; message texts are fields {@code msg.<language>}. */
final class JournalCodec {

    private static final String MESSAGE = "msg.";

    private JournalCodec() {
    }

    static String encode(JournalEntry e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", e.alarmId());
        f.put("time", e.time().toString());
        f.put("action", e.action().name());
        f.put("rule", e.ruleId());
        f.put("source", e.source());
        f.put("cond", e.condition());
        f.put("line", e.lineId());
        f.put("prio", e.priority() == null ? null : e.priority().name());
        f.put("from", e.from().name());
        f.put("to", e.to().name());
        f.put("value", e.value());
        f.put("actor", e.actor());
        f.put("comment", e.comment());
        f.put("shelvedUntil", e.shelvedUntil() == null ? null : e.shelvedUntil().toString());
        e.messages().forEach((language, text) -> f.put(MESSAGE + language, text));
        return FlatJson.write(f);
    }

    /** @throws IllegalArgumentException for a line that is not a whole entry */
    static JournalEntry decode(String line) {
        Map<String, Object> f = FlatJson.read(line);
        try {
            Map<String, String> messages = new LinkedHashMap<>();
            f.forEach((k, v) -> {
                if (k.startsWith(MESSAGE) && v != null) {
                    messages.put(k.substring(MESSAGE.length()), v.toString());
                }
            });
            Object value = f.get("value");
            String prio = text(f, "prio");
            String shelved = text(f, "shelvedUntil");
            return new JournalEntry(((Number) f.get("id")).longValue(), text(f, "rule"), text(f, "source"),
                    prio == null ? null : Priority.valueOf(prio), Instant.parse(text(f, "time")),
                    AlarmState.valueOf(text(f, "from")), AlarmState.valueOf(text(f, "to")),
                    value == null ? null : ((Number) value).doubleValue(), text(f, "actor"), text(f, "comment"),
                    JournalAction.valueOf(text(f, "action")), text(f, "cond"), text(f, "line"),
                    shelved == null ? null : Instant.parse(shelved), messages);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a journal entry: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }
}
