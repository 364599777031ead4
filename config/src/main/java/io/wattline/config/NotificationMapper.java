package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.notification.FloodControl;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.core.notification.QuietHours;
import io.wattline.core.notification.RetryPolicy;
import io.wattline.core.notification.Roster;
import io.wattline.core.notification.SmsTransportSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps the plant file's {@code notification:} section to core's notification records, with the
 * defaults docs/alarms.md promises. Runs only on trees that passed every check.
 */
final class NotificationMapper {

    static final double DEFAULT_SMPP_RATE = 50;
    static final double DEFAULT_MODEM_RATE = 0.2;
    static final double DEFAULT_HTTP_RATE = 10;

    private NotificationMapper() {
    }

    static NotificationSettings map(JsonNode n) {
        if (!n.isObject()) {
            return NotificationSettings.none();
        }
        List<Person> people = new ArrayList<>();
        for (JsonNode p : n.path("people")) {
            people.add(new Person(text(p, "id"), text(p, "name"), text(p, "phone"), text(p, "language"),
                    strings(p.path("channels"))));
        }
        List<Roster> rosters = new ArrayList<>();
        for (JsonNode r : n.path("rosters")) {
            List<Roster.OnCall> onCall = new ArrayList<>();
            for (JsonNode o : r.path("onCall")) {
                onCall.add(new Roster.OnCall(text(o, "shift"), text(o, "crew"), strings(o.path("people"))));
            }
            rosters.add(new Roster(text(r, "id"), text(r, "name"), strings(r.path("lines")),
                    new LinkedHashSet<>(strings(r.path("priorities"))), onCall, text(r, "supervisor"),
                    strings(r.path("escalateAfter")).stream().map(NotificationMapper::duration).toList()));
        }
        JsonNode q = n.path("quietHours");
        QuietHours quiet = q.isObject() ? new QuietHours(LocalTime.parse(text(q, "start")),
                LocalTime.parse(text(q, "end")), Set.copyOf(strings(q.path("priorities")))) : null;
        JsonNode f = n.path("flood");
        FloodControl flood = f.isObject() ? new FloodControl(
                f.has("window") ? duration(text(f, "window")) : FloodControl.DEFAULT.window(),
                f.path("messagesPerWindow").asInt(FloodControl.DEFAULT.messagesPerWindow())) : null;
        JsonNode rt = n.path("retry");
        RetryPolicy retry = rt.isObject() ? new RetryPolicy(
                rt.path("maxAttempts").asInt(RetryPolicy.DEFAULT.maxAttempts()),
                rt.has("firstDelay") ? duration(text(rt, "firstDelay")) : RetryPolicy.DEFAULT.firstDelay(),
                rt.has("maxDelay") ? duration(text(rt, "maxDelay")) : RetryPolicy.DEFAULT.maxDelay()) : null;
        List<SmsTransportSettings> transports = new ArrayList<>();
        n.path("transports").forEach(t -> transports.add(transport(t)));
        return new NotificationSettings(people, rosters, strings(n.path("blacklist")), quiet, flood,
                Set.copyOf(strings(n.path("returnToNormal"))), transports, retry, text(n, "defaultCountryCode"));
    }

    private static SmsTransportSettings transport(JsonNode t) {
        String id = text(t, "id");
        return switch (text(t, "type")) {
            case "smpp" -> new SmsTransportSettings.Smpp(id, text(t, "host"), t.path("port").asInt(),
                    text(t, "systemId"), PasswordReference.of(t), text(t, "systemType"), text(t, "sourceAddress"),
                    t.path("messagesPerSecond").asDouble(DEFAULT_SMPP_RATE), duration(t, "enquireLink", "30s"),
                    duration(t, "reconnectDelay", "5s"), t.path("deliveryReceipts").asBoolean(true));
            case "modem" -> new SmsTransportSettings.Modem(id, text(t, "device"), t.path("baudRate").asInt(115200),
                    text(t, "pinEnv"), t.path("messagesPerSecond").asDouble(DEFAULT_MODEM_RATE),
                    duration(t, "commandTimeout", "10s"));
            default -> {
                Map<String, String> headers = new LinkedHashMap<>();
                JsonNode h = t.path("headers");
                h.propertyNames().forEach(k -> headers.put(k, h.get(k).asString()));
                yield new SmsTransportSettings.Http(id, text(t, "url"),
                        t.has("method") ? text(t, "method") : "POST", headers, text(t, "body"),
                        t.has("encoding") ? text(t, "encoding") : "json", text(t, "successPattern"),
                        text(t, "messageIdPattern"), t.path("messagesPerSecond").asDouble(DEFAULT_HTTP_RATE),
                        duration(t, "timeout", "10s"));
            }
        };
    }

    private static Duration duration(JsonNode node, String field, String fallback) {
        return duration(node.has(field) ? text(node, field) : fallback);
    }

    private static Duration duration(String text) {
        return DurationText.parse(text).orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }
}
