package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks each connection's {@code polling} options beyond the schema (which checks their spelling,
 * including the strategy's {@code none}, {@code shrink} or {@code max_insert(n)}): each applies to
 * its connection's type, durations are sensible, the backoff does not end before it starts, and a
 * fixed probe interval is not given together with a backoff.
 */
final class PollingChecks {

    /** A device that rests longer than this between probes is as good as forgotten. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** RS-485 needs at most a few characters of silence; a longer pause only slows the bus. */
    static final Duration MAX_INTER_FRAME_DELAY = Duration.ofSeconds(1);

    private final YamlDocument doc;
    private final List<ValidationError> errors = new ArrayList<>();

    PollingChecks(YamlDocument doc) {
        this.doc = doc;
    }

    List<ValidationError> run() {
        for (Indexed connection : objects(doc.root().path("connections"))) {
            JsonNode polling = connection.node().path("polling");
            String type = text(connection.node(), "type");
            if (polling.isObject() && type != null) {
                check("/connections/" + connection.index() + "/polling", polling, type);
            }
        }
        return errors;
    }

    private void check(String at, JsonNode polling, String type) {
        if (type.equals("opc-ua")) {
            // An OPC UA server pushes a subscription: there are no requests to plan, retry or space out.
            for (String field : List.of("strategy", "retries", "interFrameDelay")) {
                notApplicable(at, polling, field, type, "only backoff applies to an OPC UA session");
            }
        } else if (!type.equals("modbus-rtu")) {
            notApplicable(at, polling, "interFrameDelay", type,
                    "only to modbus-rtu; a serial gateway keeps the silence on its own line");
        }
        Optional<Duration> initial = duration(at + "/backoff/initial", polling.path("backoff").path("initial"),
                MAX_BACKOFF);
        Optional<Duration> max = duration(at + "/backoff/max", polling.path("backoff").path("max"), MAX_BACKOFF);
        if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
            errors.add(doc.error(at + "/backoff/max", "the backoff cap " + DurationText.format(max.get())
                    + " is shorter than its start " + DurationText.format(initial.get())
                    + " (backoff.initial); expected at least that"));
        }
        duration(at + "/interFrameDelay", polling.path("interFrameDelay"), MAX_INTER_FRAME_DELAY);
        duration(at + "/probeInterval", polling.path("probeInterval"), MAX_BACKOFF);
        if (polling.has("probeInterval") && polling.has("backoff")) {
            errors.add(doc.error(at + "/probeInterval", "give either backoff (a rest that doubles from initial up to"
                    + " max) or probeInterval (a fixed rest), not both"));
        }
    }

    private void notApplicable(String at, JsonNode polling, String field, String type, String why) {
        if (polling.has(field)) {
            errors.add(doc.error(at + "/" + field, "field 'polling." + field + "' does not apply to a " + type
                    + " connection (" + why + ")"));
        }
    }

    /** The duration when it is well-formed and at most {@code limit}; a longer one is reported. */
    private Optional<Duration> duration(String pointer, JsonNode value, Duration limit) {
        Optional<Duration> parsed = value.isString() ? DurationText.parse(value.asString()) : Optional.empty();
        if (parsed.isEmpty() || parsed.get().isZero()) {
            return Optional.empty(); // absent, or the schema reported its form
        }
        if (parsed.get().compareTo(limit) > 0) {
            errors.add(doc.error(pointer, "expected at most " + DurationText.format(limit) + ", got \""
                    + value.asString() + "\""));
            return Optional.empty();
        }
        return parsed;
    }
}
