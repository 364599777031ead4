package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.alarm.LineStopSignal;
import io.wattline.core.alarm.RuleBasics;
import io.wattline.core.alarm.TimeWindow;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Maps the plant file's {@code alarms:} section to core's alarm settings, with the defaults
 * docs/alarms.md promises. Runs only on trees that passed every check.
 */
final class AlarmMapper {

    static final Duration DEFAULT_BLOCK = Duration.ofMinutes(15);
    static final Duration DEFAULT_TREND = Duration.ofMinutes(1);
    static final Duration DEFAULT_EVERY = Duration.ofMinutes(1);
    static final Duration DEFAULT_BASELINE_EVERY = Duration.ofMinutes(15);
    static final Duration DEFAULT_LOSS_WINDOW = Duration.ofMinutes(15);
    static final int DEFAULT_BASELINE_DAYS = 28;

    private AlarmMapper() {
    }

    /** @param contractedKw the plant's contracted maximum demand (a demand rule's default), or null */
    static AlarmSettings map(JsonNode a, Double contractedKw) {
        if (!a.isObject()) {
            return AlarmSettings.none();
        }
        List<AlarmRuleSettings> rules = new ArrayList<>();
        a.path("rules").forEach(r -> rules.add(rule(r, contractedKw)));
        List<LineStopSignal> stops = new ArrayList<>();
        for (JsonNode s : a.path("lineStops")) {
            List<Double> values = new ArrayList<>();
            s.path("stoppedValues").forEach(v -> values.add(v.asDouble()));
            stops.add(new LineStopSignal(text(s, "line"), text(s, "point"), values,
                    s.has("stoppedBelow") ? s.get("stoppedBelow").asDouble() : null));
        }
        List<BeaconSettings> beacons = new ArrayList<>();
        for (JsonNode b : a.path("beacons")) {
            boolean coil = b.has("coil");
            beacons.add(new BeaconSettings(text(b, "id"), text(b, "connection"), b.path("unitId").asInt(),
                    coil, coil ? b.path("coil").asInt() : b.path("register").asInt(),
                    coil ? 1 : b.path("onValue").asInt(1), coil ? 0 : b.path("offValue").asInt(0),
                    new LinkedHashSet<>(strings(b.path("priorities"))), duration(b, "refresh", null)));
        }
        return new AlarmSettings(rules, stops, beacons, duration(a, "maxShelve", null));
    }

    private static AlarmRuleSettings rule(JsonNode r, Double contractedKw) {
        Map<String, String> messages = new LinkedHashMap<>();
        r.path("message").propertyNames().forEach(language -> messages.put(language,
                r.path("message").get(language).asString()));
        RuleBasics basics = new RuleBasics(text(r, "id"), text(r, "name"), text(r, "priority"),
                duration(r, "onDelay", null), duration(r, "offDelay", null), messages);
        boolean suppressible = r.path("suppressWhenLineStops").asBoolean(true);
        return switch (text(r, "type")) {
            case "limit" -> {
                Map<String, String> levels = new LinkedHashMap<>();
                r.path("levelPriorities").propertyNames().forEach(level -> levels.put(level,
                        r.path("levelPriorities").get(level).asString()));
                yield new AlarmRuleSettings.Limit(basics, strings(r.path("points")), number(r, "hh"), number(r, "h"),
                        number(r, "l"), number(r, "ll"), r.path("deadband").asDouble(0), levels, suppressible);
            }
            case "rate" -> new AlarmRuleSettings.Rate(basics, strings(r.path("points")), number(r, "risePerMinute"),
                    number(r, "fallPerMinute"), suppressible);
            case "communication" -> new AlarmRuleSettings.CommunicationLoss(basics, strings(r.path("meters")));
            case "stale" -> new AlarmRuleSettings.Stale(basics, strings(r.path("points")), duration(r, "after", null),
                    suppressible);
            case "demand" -> new AlarmRuleSettings.DemandForecast(basics, text(r, "meter"),
                    r.path("contractedKw").isNumber() ? r.path("contractedKw").asDouble()
                            : contractedKw == null ? 0.0 : contractedKw, r.path("share").asDouble(), duration(r, "block", DEFAULT_BLOCK),
                    duration(r, "trend", DEFAULT_TREND));
            case "budget" -> new AlarmRuleSettings.Budget(basics, text(r, "line"), text(r, "costCentre"),
                    text(r, "carrier"), text(r, "per"), r.path("budget").asDouble(), duration(r, "every",
                            DEFAULT_EVERY));
            case "waste" -> {
                List<TimeWindow> breaks = new ArrayList<>();
                r.path("breaks").forEach(b -> breaks.add(new TimeWindow(LocalTime.parse(text(b, "start")),
                        LocalTime.parse(text(b, "end")))));
                yield new AlarmRuleSettings.Waste(basics, text(r, "line"), r.path("aboveKw").asDouble(), breaks,
                        strings(r.path("idleShifts")), r.path("whenNoCrew").asBoolean(false));
            }
            case "loss" -> new AlarmRuleSettings.LossAnomaly(basics, text(r, "meter"), r.path("share").asDouble(),
                    duration(r, "window", DEFAULT_LOSS_WINDOW), duration(r, "every", DEFAULT_EVERY));
            case "baseline" -> new AlarmRuleSettings.BaselineDeviation(basics, text(r, "line"), text(r, "carrier"),
                    r.has("period") ? text(r, "period") : "day", r.path("baselineDays").asInt(DEFAULT_BASELINE_DAYS),
                    r.path("abovePercent").asDouble(), duration(r, "every", DEFAULT_BASELINE_EVERY));
            default -> throw new IllegalStateException("unchecked alarm rule type " + text(r, "type"));
        };
    }

    private static Double number(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.get(field).asDouble() : null;
    }

    private static Duration duration(JsonNode node, String field, Duration otherwise) {
        String text = text(node, field);
        return text == null ? otherwise : DurationText.parse(text).orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }
}
