package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.core.Quantity;
import io.wattline.core.alarm.MessagePlaceholders;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code alarms:} section beyond its schema: the points, meters, lines, cost centres,
 * shifts and connections a rule names exist (with a "did you mean"); limits are in order; fields
 * belong to the rule's type; message templates use known placeholders; a demand rule's meter has an
 * energy counter, a waste rule's line a power reading, a loss rule's meter sub-meters.
 */
final class AlarmChecks {

    private static final Set<String> COMMON = Set.of("id", "name", "type", "priority", "onDelay", "offDelay",
            "message");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "limit", Set.of("points", "hh", "h", "l", "ll", "deadband", "levelPriorities", "suppressWhenLineStops"),
            "rate", Set.of("points", "risePerMinute", "fallPerMinute", "suppressWhenLineStops"),
            "communication", Set.of("meters"),
            "stale", Set.of("points", "after", "suppressWhenLineStops"),
            "demand", Set.of("meter", "contractedKw", "share", "block", "trend"),
            "budget", Set.of("line", "costCentre", "carrier", "per", "budget", "every"),
            "waste", Set.of("line", "aboveKw", "breaks", "idleShifts", "whenNoCrew"),
            "loss", Set.of("meter", "share", "window", "every"),
            "baseline", Set.of("line", "carrier", "period", "baselineDays", "abovePercent", "every"));
    private static final List<String> LEVELS = List.of("ll", "l", "h", "hh");

    private final YamlDocument doc;
    private final MeterProfiles profiles;
    private final List<ValidationError> errors = new ArrayList<>();
    private final Map<String, JsonNode> meters = new LinkedHashMap<>();
    private final Set<String> lines;

    AlarmChecks(YamlDocument doc, MeterProfiles profiles) {
        this.doc = doc;
        this.profiles = profiles;
        objects(doc.root().path("meters")).forEach(m -> {
            String id = text(m.node(), "id");
            if (id != null) {
                meters.putIfAbsent(id, m.node());
            }
        });
        this.lines = idsOf("lines");
    }

    List<ValidationError> run() {
        JsonNode a = doc.root().path("alarms");
        if (!a.isObject()) {
            return errors;
        }
        Set<String> ruleIds = new LinkedHashSet<>();
        for (Indexed r : objects(a.path("rules"))) {
            String at = "/alarms/rules/" + r.index();
            String id = text(r.node(), "id");
            if (id != null && !ruleIds.add(id)) {
                errors.add(doc.error(at + "/id", "duplicate rule id '" + id + "'"));
            }
            rule(r.node(), at);
        }
        for (Indexed s : objects(a.path("lineStops"))) {
            String at = "/alarms/lineStops/" + s.index();
            reference(text(s.node(), "line"), lines, at + "/line", "line");
            point(text(s.node(), "point"), at + "/point");
            if (!s.node().has("stoppedValues") && !s.node().has("stoppedBelow")) {
                errors.add(doc.error(at, "say when the line is stopped: stoppedValues or stoppedBelow"));
            }
        }
        Set<String> beaconIds = new LinkedHashSet<>();
        for (Indexed b : objects(a.path("beacons"))) {
            beacon(b.node(), "/alarms/beacons/" + b.index(), beaconIds);
        }
        return errors;
    }

    private void rule(JsonNode r, String at) {
        String type = text(r, "type");
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            return; // the schema reported the type
        }
        for (String field : r.propertyNames()) {
            if (!COMMON.contains(field) && !allowed.contains(field)) {
                errors.add(doc.error(at + "/" + field, "'" + field + "' does not apply to a " + type + " rule (its"
                        + " fields: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
        JsonNode points = r.path("points");
        for (int i = 0; i < points.size(); i++) {
            point(points.get(i).isString() ? points.get(i).asString() : null, at + "/points/" + i);
        }
        JsonNode listed = r.path("meters");
        for (int i = 0; i < listed.size(); i++) {
            reference(listed.get(i).isString() ? listed.get(i).asString() : null, meters.keySet(),
                    at + "/meters/" + i, "meter");
        }
        reference(text(r, "line"), lines, at + "/line", "line");
        reference(text(r, "costCentre"), idsOf("costCentres"), at + "/costCentre", "cost centre");
        messages(r.path("message"), at + "/message");
        switch (type) {
            case "limit" -> limits(r, at);
            case "rate" -> {
                if (!r.has("risePerMinute") && !r.has("fallPerMinute")) {
                    errors.add(doc.error(at, "a rate rule needs risePerMinute, fallPerMinute or both"));
                }
            }
            case "demand" -> {
                demandMeter(text(r, "meter"), at + "/meter");
                if (!r.has("contractedKw") && ContractedDemand.ofSites(doc.root()) == null) {
                    errors.add(doc.error(at, "a demand rule needs the contracted maximum demand: state it once as the"
                            + " site's contractedDemandKw (sites:), or here as contractedKw (需量预警需要合同最大需量)"));
                }
            }
            case "budget" -> {
                if ((r.has("line") ? 1 : 0) + (r.has("costCentre") ? 1 : 0) != 1) {
                    errors.add(doc.error(at, "a budget rule is for one line or one cost centre: give line or"
                            + " costCentre"));
                }
            }
            case "waste" -> waste(r, at);
            case "loss" -> lossMeter(text(r, "meter"), r, at);
            default -> {
            }
        }
    }

    private void limits(JsonNode r, String at) {
        List<String> present = LEVELS.stream().filter(l -> r.path(l).isNumber()).toList();
        for (String level : r.path("levelPriorities").propertyNames()) {
            if (!present.contains(level)) {
                errors.add(doc.error(at + "/levelPriorities/" + level, "level '" + level + "' has no limit in this"
                        + " rule (its levels: " + (present.isEmpty() ? "none" : String.join(", ", present)) + ")"));
            }
        }
        if (present.isEmpty()) {
            errors.add(doc.error(at, "a limit rule needs at least one of hh, h, l, ll"));
            return;
        }
        for (int i = 1; i < present.size(); i++) {
            String lower = present.get(i - 1);
            String upper = present.get(i);
            if (!(r.path(lower).asDouble() < r.path(upper).asDouble())) {
                errors.add(doc.error(at + "/" + upper, "limits must rise from ll to hh: " + upper + " ("
                        + r.path(upper).asDouble() + ") is not above " + lower + " (" + r.path(lower).asDouble() + ")"));
            }
        }
    }

    private void waste(JsonNode r, String at) {
        if (!r.has("breaks") && !r.has("idleShifts") && !r.path("whenNoCrew").asBoolean(false)) {
            errors.add(doc.error(at, "say when the line should be idle: breaks, idleShifts or whenNoCrew: true"));
        }
        Set<String> shifts = doc.root().path("shifts").isObject() ? idsOf(doc.root().path("shifts").path("definitions"))
                : Set.of("day");
        JsonNode idle = r.path("idleShifts");
        for (int i = 0; i < idle.size(); i++) {
            reference(idle.get(i).asString(), shifts, at + "/idleShifts/" + i, "shift");
        }
        String line = text(r, "line");
        if (line == null || !lines.contains(line)) {
            return;
        }
        Set<String> equipmentOnLine = new LinkedHashSet<>();
        objects(doc.root().path("equipment")).stream().filter(e -> line.equals(text(e.node(), "line")))
                .forEach(e -> equipmentOnLine.add(text(e.node(), "id")));
        boolean power = meters.values().stream()
                .filter(m -> line.equals(text(m, "line")) || equipmentOnLine.contains(text(m, "equipment")))
                .anyMatch(m -> quantities(m).contains(Quantity.ACTIVE_POWER));
        if (!power) {
            errors.add(doc.error(at + "/line", "line '" + line + "' has no meter that reads active power"));
        }
    }

    private void demandMeter(String id, String at) {
        if (reference(id, meters.keySet(), at, "meter")) {
            JsonNode m = meters.get(id);
            if (!"electricity".equals(text(m, "carrier"))) {
                errors.add(doc.error(at, "meter '" + id + "' does not meter electricity: demand is in kW"));
            } else if (!quantities(m).isEmpty() && !quantities(m).contains(Quantity.ACTIVE_ENERGY_IMPORT)) {
                errors.add(doc.error(at, "meter '" + id + "' has no active energy counter to forecast demand from"));
            }
        }
    }

    private void lossMeter(String id, JsonNode r, String at) {
        if (reference(id, meters.keySet(), at + "/meter", "meter")) {
            String carrier = text(meters.get(id), "carrier");
            boolean subs = meters.values().stream().anyMatch(m -> id.equals(text(m, "parent"))
                    && carrier != null && carrier.equals(text(m, "carrier")));
            if (!subs) {
                errors.add(doc.error(at + "/meter", "meter '" + id + "' has no sub-meters (meters with parent: " + id
                        + ") of its carrier to compare with"));
            }
        }
        if (r.path("share").isNumber() && r.path("share").asDouble() >= 1) {
            errors.add(doc.error(at + "/share", "a loss share is below 1 (0.08 = 8 %), was " + r.path("share")
                    .asDouble()));
        }
    }

    private void beacon(JsonNode b, String at, Set<String> ids) {
        String id = text(b, "id");
        if (id != null && !ids.add(id)) {
            errors.add(doc.error(at + "/id", "duplicate beacon id '" + id + "'"));
        }
        if (b.has("coil") == b.has("register")) {
            errors.add(doc.error(at, "a beacon switches a coil or writes a register: give one of coil, register"));
        }
        if (b.has("coil") && (b.has("onValue") || b.has("offValue"))) {
            errors.add(doc.error(at + (b.has("onValue") ? "/onValue" : "/offValue"), "onValue and offValue are for a"
                    + " register; a coil is switched on and off"));
        }
        String connection = text(b, "connection");
        Map<String, String> types = new LinkedHashMap<>();
        objects(doc.root().path("connections")).forEach(c -> types.put(text(c.node(), "id"), text(c.node(), "type")));
        if (reference(connection, types.keySet(), at + "/connection", "connection")) {
            String type = types.get(connection);
            if (!"modbus-tcp".equals(type) && !"modbus-rtu-over-tcp".equals(type)) {
                errors.add(doc.error(at + "/connection", "connection '" + connection + "' is " + type + ": a beacon"
                        + " needs a modbus-tcp or modbus-rtu-over-tcp connection (a serial bus has one master, the"
                        + " collector)"));
            }
        }
    }

    private void messages(JsonNode message, String at) {
        for (String language : MessagePlaceholders.LANGUAGES) {
            JsonNode text = message.path(language);
            if (text.isString()) {
                for (String problem : MessagePlaceholders.problems(text.asString())) {
                    errors.add(doc.error(at + "/" + language, problem));
                }
            }
        }
    }

    /** A point id {@code meter.point}: the meter exists, and its profile (or the health points) has the point. */
    private void point(String id, String at) {
        if (id == null) {
            return;
        }
        int dot = id.indexOf('.');
        if (dot <= 0) {
            return; // the schema reported the form
        }
        String meterId = id.substring(0, dot);
        String name = id.substring(dot + 1);
        if (!reference(meterId, meters.keySet(), at, "meter")) {
            return;
        }
        if (PointCatalogue.HEALTH_POINTS.containsKey(name)) {
            return;
        }
        Optional<MeterProfiles.Described> profile = described(meters.get(meterId));
        if (profile.isEmpty()) {
            return; // an unknown profile is reported with the meter
        }
        Set<String> names = new LinkedHashSet<>();
        profile.get().points().forEach(p -> names.add(p.name()));
        names.addAll(PointCatalogue.HEALTH_POINTS.keySet());
        if (!names.contains(name)) {
            errors.add(doc.error(at, "meter '" + meterId + "' (profile " + profile.get().profileId() + ") has no point '"
                    + name + "'" + Spelling.didYouMean(name, names) + " (its points: " + String.join(", ", names) + ")"));
        }
    }

    private Optional<MeterProfiles.Described> described(JsonNode meter) {
        return profiles.find(text(meter, "profile"), MeterProfiles.kindOf(doc.root(), meter));
    }

    /** The quantities a meter's profile reads; empty when its profile is unknown. */
    private Set<Quantity> quantities(JsonNode meter) {
        Set<Quantity> out = new LinkedHashSet<>();
        described(meter).ifPresent(d -> d.points().forEach(p -> {
            if (p.quantity() != null) {
                out.add(p.quantity());
            }
        }));
        return out;
    }

    /** True when the reference resolves; an error (with a "did you mean") when it does not. */
    private boolean reference(String id, Set<String> known, String at, String kind) {
        if (id == null) {
            return false;
        }
        if (known.contains(id)) {
            return true;
        }
        errors.add(doc.error(at, "unknown " + kind + " '" + id + "'" + Spelling.didYouMean(id, known)));
        return false;
    }

    private Set<String> idsOf(String section) {
        return idsOf(doc.root().path(section));
    }

    private static Set<String> idsOf(JsonNode list) {
        Set<String> ids = new LinkedHashSet<>();
        objects(list).forEach(i -> {
            String id = text(i.node(), "id");
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }
}
