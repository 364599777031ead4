package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.core.plant.VirtualMeter;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the accounting sections: declared meter events (known meter, a counter point of its
 * profile, a time that parses, one event per point and time; the schema rejects non-finite readings) and virtual meters
 * (formula syntax, known meters with an energy carrier, one carrier per formula, unique ids).
 */
final class AccountingChecks {

    private final YamlDocument doc;
    private final MeterProfiles profiles;
    private final List<ValidationError> errors = new ArrayList<>();
    private final Map<String, JsonNode> meters = new LinkedHashMap<>();

    AccountingChecks(YamlDocument doc, MeterProfiles profiles) {
        this.doc = doc;
        this.profiles = profiles;
    }

    List<ValidationError> run() {
        for (Indexed m : objects(doc.root().path("meters"))) {
            String id = text(m.node(), "id");
            if (id != null) {
                meters.putIfAbsent(id, m.node());
            }
        }
        meterEvents();
        virtualMeters();
        return errors;
    }

    private void meterEvents() {
        ZoneId zone = zone();
        Map<String, Integer> seen = new HashMap<>();
        for (Indexed e : objects(doc.root().path("meterEvents"))) {
            String at = "/meterEvents/" + e.index();
            JsonNode node = e.node();
            String meterId = text(node, "meter");
            String point = text(node, "point");
            if (meterId != null) {
                JsonNode meter = meters.get(meterId);
                if (meter == null) {
                    errors.add(doc.error(at + "/meter", "unknown meter '" + meterId + "'"
                            + Spelling.didYouMean(meterId, meters.keySet())));
                } else if (point != null) {
                    counterPoint(at + "/point", meterId, meter, point);
                }
            }
            String time = text(node, "time");
            Instant instant = null;
            if (time != null) {
                instant = ConfigTime.parse(time, zone).orElse(null);
                if (instant == null) {
                    errors.add(doc.error(at + "/time", "expected an ISO date-time like \"2026-03-01T10:00:00+08:00\""
                            + " (or without the offset, in the plant's time zone), got \"" + time + "\""));
                }
            }
            // non-finite readings (.nan, .inf) are rejected by the schema as not numbers
            if ("replacement".equals(text(node, "kind")) && !node.has("newInitial")) {
                errors.add(doc.error(at, "missing required field 'newInitial' (the new meter's reading at "
                        + "installation; a replacement has no default)"));
            }
            if (meterId != null && point != null && instant != null) {
                Integer first = seen.putIfAbsent(meterId + "\u0000" + point + "\u0000" + instant, e.index());
                if (first != null) {
                    errors.add(doc.error(at + "/time", "a second event for " + meterId + "." + point + " at "
                            + time + " (the first is on line " + doc.lineOf("/meterEvents/" + first + "/time") + ")"));
                }
            }
        }
    }

    private void counterPoint(String pointer, String meterId, JsonNode meter, String point) {
        String profileId = text(meter, "profile");
        if (profileId == null) {
            return;
        }
        Optional<MeterProfiles.Described> profile = profiles.find(profileId, MeterProfiles.kindOf(doc.root(), meter));
        if (profile.isEmpty()) {
            return; // the meter's unknown profile is reported on the meter
        }
        Set<String> counters = profile.get().counters();
        Optional<MeterProfiles.ProfilePoint> named = profile.get().point(point);
        if (named.isEmpty()) {
            errors.add(doc.error(pointer, "meter '" + meterId + "' (profile " + profileId + ") has no point '"
                    + point + "' (its counter points: " + String.join(", ", counters) + ")"
                    + Spelling.didYouMean(point, counters)));
        } else if (!counters.contains(point)) {
            errors.add(doc.error(pointer, "point '" + point + "' of meter '" + meterId + "' is not a counter ("
                    + named.get().quantity() + "); resets and replacements apply to counters: "
                    + String.join(", ", counters)));
        }
    }

    private void virtualMeters() {
        Map<String, Integer> ids = new HashMap<>();
        for (Indexed v : objects(doc.root().path("virtualMeters"))) {
            String at = "/virtualMeters/" + v.index();
            JsonNode node = v.node();
            String id = text(node, "id");
            if (id != null) {
                if (meters.containsKey(id)) {
                    errors.add(doc.error(at + "/id", "id '" + id + "' is already a meter's id"));
                }
                Integer first = ids.putIfAbsent(id, v.index());
                if (first != null) {
                    errors.add(doc.error(at + "/id", "duplicate id '" + id + "' (also used on line "
                            + doc.lineOf("/virtualMeters/" + first + "/id") + ")"));
                }
            }
            String formula = text(node, "formula");
            if (formula == null) {
                continue;
            }
            MeterFormula.Parsed parsed = MeterFormula.parse(formula);
            if (parsed.error() != null) {
                errors.add(doc.error(at + "/formula", parsed.error()));
                continue;
            }
            String declared = text(node, "carrier");
            Map<String, String> carriers = new LinkedHashMap<>();
            Set<String> used = new LinkedHashSet<>();
            for (VirtualMeter.Term t : parsed.terms()) {
                if (!used.add(t.meterId())) {
                    errors.add(doc.error(at + "/formula", "meter '" + t.meterId() + "' appears twice in the formula"));
                    continue;
                }
                JsonNode meter = meters.get(t.meterId());
                if (meter == null) {
                    String hint = t.meterId().contains("-") ? " (put spaces around + and -: ids may contain '-')"
                            : "";
                    errors.add(doc.error(at + "/formula", "unknown meter '" + t.meterId() + "'"
                            + Spelling.didYouMean(t.meterId(), meters.keySet()) + hint));
                    continue;
                }
                String carrier = text(meter, "carrier");
                if ("none".equals(carrier)) {
                    errors.add(doc.error(at + "/formula", "meter '" + t.meterId()
                            + "' has carrier none (it measures no energy)"));
                } else if (carrier != null) {
                    carriers.put(t.meterId(), carrier);
                }
            }
            Set<String> distinct = new LinkedHashSet<>(carriers.values());
            if (declared != null) {
                distinct.add(declared);
            }
            if (distinct.size() > 1) {
                StringBuilder which = new StringBuilder();
                carriers.forEach((m, c) -> which.append(which.length() == 0 ? "" : ", ").append(m).append(": ")
                        .append(c));
                errors.add(doc.error(at + (declared != null ? "/carrier" : "/formula"), "mixed carriers in the formula"
                        + (declared != null ? " (declared " + declared + ")" : "") + ": " + which
                        + "; a virtual meter adds one carrier in its own unit"));
            }
        }
    }

    private ZoneId zone() {
        String zone = text(doc.root().path("plant"), "timeZone");
        try {
            return zone == null ? null : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return null; // reported by the time zone check
        }
    }
}
