package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.profiles.yaml.JsonPointers;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the plant tree, connections and meters beyond what the schema can say: unique ids,
 * references that resolve, profiles and poll groups that exist, unit ids, sub-meter loops.
 */
final class PlantTreeChecks {

    /** Longer than a minute is a dead device, not a slow one. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    /** Energy counters read less than hourly cannot be split into shifts and tariff periods. */
    static final Duration MAX_POLL_PERIOD = Duration.ofHours(1);

    private final YamlDocument doc;
    private final MeterProfiles profiles;
    private final Collection<String> knownProfileIds;
    private final Collection<String> knownOpcUaProfileIds;
    private final List<ValidationError> errors = new ArrayList<>();
    /** id → list index, per section; filled by {@link #ids}. */
    private final Map<String, Map<String, Integer>> sections = new HashMap<>();

    PlantTreeChecks(YamlDocument doc, MeterProfiles profiles, Collection<String> knownProfileIds,
            Collection<String> knownOpcUaProfileIds) {
        this.doc = doc;
        this.profiles = profiles;
        this.knownProfileIds = knownProfileIds;
        this.knownOpcUaProfileIds = knownOpcUaProfileIds;
    }

    List<ValidationError> run() {
        for (String section : List.of("sites", "areas", "lines", "equipment", "costCentres",
                "connections", "meters")) {
            ids(section);
        }
        JsonNode root = doc.root();
        for (Indexed area : objects(root.path("areas"))) {
            reference("/areas/" + area.index() + "/site", area.node(), "site", "sites");
        }
        for (Indexed line : objects(root.path("lines"))) {
            reference("/lines/" + line.index() + "/area", line.node(), "area", "areas");
        }
        for (Indexed equipment : objects(root.path("equipment"))) {
            String at = "/equipment/" + equipment.index();
            reference(at + "/area", equipment.node(), "area", "areas");
            if (reference(at + "/line", equipment.node(), "line", "lines")) {
                sameArea(at + "/line", "line", text(equipment.node(), "line"), "lines",
                        text(equipment.node(), "area"));
            }
        }
        for (Indexed connection : objects(root.path("connections"))) {
            connection("/connections/" + connection.index(), connection.node());
        }
        meters(root.path("meters"));
        return errors;
    }

    /** Ids must be unique within their section; the second use is the error. */
    private void ids(String section) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Indexed item : objects(doc.root().path(section))) {
            String id = text(item.node(), "id");
            if (id == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(id, item.index());
            if (first != null) {
                String at = "/" + section + "/" + item.index() + "/id";
                errors.add(doc.error(at, "duplicate id '" + id + "' (also used on line "
                        + doc.lineOf("/" + section + "/" + first + "/id") + ")"));
            }
        }
        sections.put(section, seen);
    }

    /** True when the field is present and names an existing entry of the target section. */
    private boolean reference(String pointer, JsonNode owner, String field, String target) {
        String id = text(owner, field);
        if (id == null) {
            return false;
        }
        Set<String> known = sections.get(target).keySet();
        if (known.contains(id)) {
            return true;
        }
        String expected = known.isEmpty() ? "none is defined"
                : "expected one of: " + String.join(", ", known);
        errors.add(doc.error(pointer, "unknown " + singular(target) + " '" + id + "' ("
                + expected + ")" + Spelling.didYouMean(id, known)));
        return false;
    }

    /** A line or equipment named together with an area must lie in that area. */
    private void sameArea(String pointer, String what, String id, String section, String area) {
        if (area == null || id == null) {
            return;
        }
        Integer index = sections.get(section).get(id);
        String itsArea = text(doc.root().path(section).path(index), "area");
        if (itsArea != null && !itsArea.equals(area)) {
            errors.add(doc.error(pointer, what + " '" + id + "' is in area '" + itsArea
                    + "', not in area '" + area + "'"));
        }
    }

    private void connection(String at, JsonNode connection) {
        String type = text(connection, "type");
        if (type == null) {
            return;
        }
        boolean serial = type.equals("modbus-rtu");
        List<String> notApplicable = serial ? List.of("host", "port")
                : List.of("device", "baudRate", "parity", "stopBits");
        for (String field : notApplicable) {
            if (connection.has(field)) {
                errors.add(doc.error(at + "/" + field, "field '" + field + "' does not apply to a "
                        + type + " connection"));
            }
        }
        if (!type.equals("opc-ua") && connection.has("opcua")) {
            errors.add(doc.error(at + "/opcua", "field 'opcua' does not apply to a " + type + " connection"));
        }
        JsonNode opcUa = connection.path("opcua");
        String policy = text(opcUa, "securityPolicy");
        String mode = text(opcUa, "securityMode");
        if (policy != null && mode != null && policy.equals("None") != mode.equals("None")) {
            errors.add(doc.error(at + "/opcua/securityMode", "security mode " + mode + " does not go with policy "
                    + policy + " (None goes with None; Basic256Sha256 with Sign or SignAndEncrypt)"));
        }
        duration(at + "/timeout", connection.path("timeout"), MAX_TIMEOUT);
        JsonNode concurrency = connection.path("concurrency");
        if (type.startsWith("modbus-rtu") && concurrency.isIntegralNumber() && concurrency.asInt() > 1) {
            errors.add(doc.error(at + "/concurrency", "expected 1 on a " + type
                    + " connection (an RS-485 bus carries one request at a time), got "
                    + concurrency.asInt()));
        }
    }

    private void meters(JsonNode meters) {
        List<Indexed> items = objects(meters);
        Map<String, Map<Integer, Integer>> unitsByConnection = new HashMap<>();
        for (Indexed meter : items) {
            String at = "/meters/" + meter.index();
            JsonNode node = meter.node();
            reference(at + "/area", node, "area", "areas");
            if (reference(at + "/line", node, "line", "lines")) {
                sameArea(at + "/line", "line", text(node, "line"), "lines", text(node, "area"));
            }
            if (reference(at + "/equipment", node, "equipment", "equipment")) {
                sameArea(at + "/equipment", "equipment", text(node, "equipment"), "equipment",
                        text(node, "area"));
            }
            reference(at + "/costCentre", node, "costCentre", "costCentres");
            if (reference(at + "/parent", node, "parent", "meters")) {
                sameCarrier(at, node);
            }
            if (reference(at + "/connection", node, "connection", "connections")) {
                unitId(at, node, unitsByConnection);
            }
            // OPC UA devices are described by OPC UA profiles (variables, not registers).
            if (MeterProfiles.kindOf(doc.root(), node) == MeterProfiles.Kind.OPC_UA) {
                opcUaProfile(at, node);
            } else {
                profile(at, node);
            }
            JsonNode poll = node.path("poll");
            if (poll.isObject()) {
                for (String group : poll.propertyNames()) {
                    duration(JsonPointers.child(at + "/poll", group), poll.get(group), MAX_POLL_PERIOD);
                }
            }
        }
        parentLoops(items);
    }

    /** A sub-meter measures the same carrier as its parent, or the loss calculation is nonsense. */
    private void sameCarrier(String at, JsonNode meter) {
        String parent = text(meter, "parent");
        JsonNode parentNode = doc.root().path("meters").path(sections.get("meters").get(parent));
        String carrier = text(meter, "carrier");
        String parentCarrier = text(parentNode, "carrier");
        if (carrier != null && parentCarrier != null && !carrier.equals(parentCarrier)) {
            errors.add(doc.error(at + "/parent", "parent meter '" + parent + "' measures "
                    + parentCarrier + ", this meter " + carrier + " (a sub-meter measures the same carrier)"));
        }
    }

    /**
     * Serial Modbus: 1–247 (0 is broadcast and never answers, 248–255 are reserved). Modbus TCP:
     * 0–255, because devices addressed directly often answer only on 0 or 255 while gateways
     * forward 1–247; the schema already bounds it to 0–255.
     */
    private void unitId(String at, JsonNode meter, Map<String, Map<Integer, Integer>> used) {
        String connectionId = text(meter, "connection");
        JsonNode connection = doc.root().path("connections")
                .path(sections.get("connections").get(connectionId));
        String type = text(connection, "type");
        JsonNode unit = meter.path("unitId");
        if (type == null) {
            return;
        }
        if (type.equals("opc-ua")) {
            if (!unit.isMissingNode()) {
                errors.add(doc.error(at + "/unitId", "unitId does not apply to meters on an opc-ua "
                        + "connection ('" + connectionId + "')"));
            }
            return;
        }
        if (unit.isMissingNode()) {
            errors.add(doc.error(at + "/unitId", "missing required field 'unitId' (connection '"
                    + connectionId + "' is " + type + ")"));
            return;
        }
        if (!unit.isIntegralNumber()) {
            return; // the schema reported the type
        }
        int id = unit.asInt();
        if (type.startsWith("modbus-rtu") && (id < 1 || id > 247)) {
            errors.add(doc.error(at + "/unitId", "expected a unit id from 1 to 247 on a " + type
                    + " connection (0 is broadcast, 248-255 are reserved), got " + id));
        }
        int index = Integer.parseInt(at.substring(at.lastIndexOf('/') + 1));
        Integer first = used.computeIfAbsent(connectionId, c -> new HashMap<>()).putIfAbsent(id, index);
        if (first != null) {
            errors.add(doc.error(at + "/unitId", "unit id " + id + " is already used on connection '"
                    + connectionId + "' by meter '" + text(doc.root().path("meters").path(first), "id")
                    + "' (line " + doc.lineOf("/meters/" + first + "/unitId") + ")"));
        }
    }

    private void profile(String at, JsonNode meter) {
        String id = text(meter, "profile");
        if (id == null || !id.matches("[^/\\s]+/[^/\\s]+")) {
            return; // the schema reported the malformed id
        }
        Optional<MeterProfiles.Described> profile = profiles.find(id, MeterProfiles.Kind.MODBUS);
        if (profile.isEmpty()) {
            String known = knownProfileIds.isEmpty() ? ""
                    : " (known profiles: " + String.join(", ", knownProfileIds) + ")";
            errors.add(doc.error(at + "/profile", "unknown profile '" + id + "'" + known
                    + Spelling.didYouMean(id, knownProfileIds)
                    + profiles.otherKindHint(id, MeterProfiles.Kind.MODBUS, text(meter, "connection"))));
            return;
        }
        Set<String> groups = profile.get().pollGroups();
        JsonNode poll = meter.path("poll");
        if (poll.isObject()) {
            for (String group : poll.propertyNames()) {
                if (!groups.contains(group)) {
                    errors.add(doc.error(JsonPointers.child(at + "/poll", group), "unknown poll group '" + group
                            + "' for profile " + id + " (expected one of: " + String.join(", ", groups)
                            + ")" + Spelling.didYouMean(group, groups)));
                }
            }
        }
    }

    /** A meter on an opc-ua connection names an OPC UA profile; the error lists the known ones, closest first. */
    private void opcUaProfile(String at, JsonNode meter) {
        String id = text(meter, "profile");
        if (id == null || !id.matches("[^/\\s]+/[^/\\s]+")) {
            return; // the schema reported the malformed id
        }
        if (profiles.find(id, MeterProfiles.Kind.OPC_UA).isPresent()) {
            return;
        }
        String known = knownOpcUaProfileIds.isEmpty() ? " (no OPC UA profiles are known)"
                : " (known OPC UA profiles: " + String.join(", ", Spelling.closestFirst(id, knownOpcUaProfileIds)) + ")";
        String otherKind = profiles.otherKindHint(id, MeterProfiles.Kind.OPC_UA, text(meter, "connection"));
        otherKind = otherKind.isEmpty() ? Spelling.didYouMean(id, knownOpcUaProfileIds) : otherKind;
        errors.add(doc.error(at + "/profile", "unknown OPC UA profile '" + id + "'" + known + otherKind));
    }

    /** Durations the schema accepted by pattern but that are absurdly long (or overflow). */
    private void duration(String pointer, JsonNode value, Duration max) {
        if (!value.isString() || !value.asString().matches("0*[1-9][0-9]*(ms|s|m|h)")) {
            return; // absent, or the schema reported it
        }
        Optional<Duration> parsed = DurationText.parse(value.asString());
        if (parsed.isEmpty() || parsed.get().compareTo(max) > 0) {
            errors.add(doc.error(pointer, "expected at most " + DurationText.format(max) + ", got \""
                    + value.asString() + "\""));
        }
    }

    /** Follows each meter's parent chain; a chain that comes back is reported once, at its first meter. */
    private void parentLoops(List<Indexed> meters) {
        Map<String, String> parentOf = new HashMap<>();
        for (Indexed meter : meters) {
            String id = text(meter.node(), "id");
            String parent = text(meter.node(), "parent");
            if (id != null && parent != null) {
                parentOf.putIfAbsent(id, parent);
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Indexed meter : meters) {
            String start = text(meter.node(), "id");
            if (start == null || reported.contains(start)) {
                continue;
            }
            List<String> chain = new ArrayList<>(List.of(start));
            String current = parentOf.get(start);
            while (current != null && !chain.contains(current)) {
                chain.add(current);
                current = parentOf.get(current);
            }
            if (start.equals(current)) {
                reported.addAll(chain);
                errors.add(doc.error("/meters/" + meter.index() + "/parent", "parent chain loops: "
                        + String.join(" → ", chain) + " → " + start));
            }
        }
    }

    private static String singular(String section) {
        return switch (section) {
            case "sites" -> "site";
            case "areas" -> "area";
            case "lines" -> "line";
            case "costCentres" -> "cost centre";
            case "connections" -> "connection";
            case "meters" -> "meter";
            default -> section;
        };
    }
}
