package io.wattline.profiles;

import io.wattline.core.Quantity;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps a profile's {@code identify:} checks and {@code variants:} onto the loaded profile: each
 * variant becomes a profile of its own (the profile's points, those it names replaced, its readable
 * ranges added), linted like the profile, with errors located in the variant's own lines.
 */
final class ProfileVariantMapping {

    private ProfileVariantMapping() {
    }

    static LoadedProfile map(DeviceProfile base, YamlDocument document, ProfileLoader.Mapping m) {
        JsonNode root = document.root();
        WordOrder defaultOrder = m.wordOrder(root, "", WordOrder.ABCD);
        Set<String> replacedAnywhere = new HashSet<>();
        JsonNode variantList = root.get("variants");
        for (int i = 0; variantList != null && i < variantList.size(); i++) {
            for (JsonNode p : iterable(variantList.get(i).get("points"))) {
                replacedAnywhere.add(p.path("name").asString(""));
            }
        }
        List<IdentifyCheck> model = identify(root.get("identify"), "/identify", base, m);
        JsonNode identifyList = root.get("identify");
        for (int i = 0; identifyList != null && i < identifyList.size(); i++) {
            String point = identifyList.get(i).path("point").asString("");
            if (replacedAnywhere.contains(point)) {
                m.problem("/identify/" + i + "/point", "point '" + point + "' differs between the variants: name it in"
                        + " each variant's identify instead");
            }
        }
        List<ProfileVariant> variants = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int defaults = 0;
        Set<String> sourceIds = new HashSet<>();
        base.sources().forEach(s -> sourceIds.add(s.substring(0, Math.max(0, s.indexOf(':')))));
        for (int i = 0; variantList != null && i < variantList.size(); i++) {
            JsonNode v = variantList.get(i);
            String at = "/variants/" + i;
            String id = v.path("id").asString("");
            if (!ids.add(id)) {
                m.problem(at + "/id", "expected a unique variant id; '" + id + "' is used twice");
            }
            List<String> sources = new ArrayList<>();
            for (int s = 0; s < v.path("sources").size(); s++) {
                String source = v.get("sources").get(s).asString("");
                sources.add(source);
                if (!sourceIds.contains(source)) {
                    m.problem(at + "/sources/" + s, "expected a source id declared under sources " + sourceIds
                            + ", got '" + source + "'");
                }
            }
            boolean isDefault = v.path("default").asBoolean(false);
            DeviceProfile profile = base;
            Set<String> replaced = new LinkedHashSet<>();
            if (isDefault) {
                defaults++;
                if (v.has("points") || v.has("readable")) {
                    m.problem(at, "the default variant is the profile's own points: give it no points or readable");
                }
            } else {
                profile = variantProfile(base, id, v, at, defaultOrder, replaced, m);
            }
            if (profile != null) {
                List<IdentifyCheck> checks = identify(v.get("identify"), at + "/identify", profile, m);
                variants.add(new ProfileVariant(id, isDefault, v.path("description").asString(""), sources, profile,
                        replaced, checks));
            }
        }
        if (variantList != null && variantList.size() > 0 && defaults != 1) {
            m.problem("/variants", "expected exactly one variant with default: true (the profile's own points), got "
                    + defaults);
        }
        return new LoadedProfile(base, model, variants);
    }

    private static DeviceProfile variantProfile(DeviceProfile base, String id, JsonNode v, String at,
            WordOrder defaultOrder, Set<String> replaced, ProfileLoader.Mapping m) {
        Map<String, PointDefinition> points = new LinkedHashMap<>();
        base.points().forEach(p -> points.put(p.name(), p));
        Map<String, String> pointerOf = new LinkedHashMap<>();
        JsonNode list = v.get("points");
        for (int j = 0; list != null && j < list.size(); j++) {
            String pointer = at + "/points/" + j;
            PointDefinition p = m.point(list.get(j), pointer, base.addressBase(), defaultOrder);
            if (p == null) {
                continue;
            }
            if (!points.containsKey(p.name())) {
                m.problem(pointer + "/name", "a variant replaces points of the profile: expected one of "
                        + points.keySet() + ", got '" + p.name() + "'");
                continue;
            }
            points.put(p.name(), p);
            replaced.add(p.name());
            pointerOf.put(p.name(), pointer);
        }
        List<RegisterRange> readable = new ArrayList<>(base.readable());
        readable.addAll(m.readable(v.get("readable"), at + "/readable", base.addressBase()));
        List<PointDefinition> ordered = List.copyOf(points.values());
        DeviceProfile profile = new DeviceProfile(base.id() + "@" + id, base.vendor(), base.model() + " (" + id + ")",
                base.description() + " Variant " + id + ": " + v.path("description").asString(""),
                base.schemaVersion(), base.addressBase(), ordered, readable, base.quirks(), base.sources(),
                base.pollGroups());
        // Lint the variant as a profile; a problem of a replaced point is located in the variant's lines.
        m.problems.addAll(ProfileLinter.lint(profile, (pointer, message) -> {
            if (!pointer.startsWith("/points/")) {
                return null; // the profile's own lint reports what the variant shares with it
            }
            String rest = pointer.substring("/points/".length());
            int slash = rest.indexOf('/');
            int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
            String own = pointerOf.get(ordered.get(index).name());
            if (own == null) {
                return null; // a point the variant does not touch: the profile's own lint reports it
            }
            return m.error(own + (slash < 0 ? "" : rest.substring(slash)), "variant " + id + ": " + message);
        }).stream().filter(java.util.Objects::nonNull).toList());
        return profile;
    }

    /** The checks of an {@code identify:} list, resolved against {@code profile}'s points. */
    private static List<IdentifyCheck> identify(JsonNode list, String pointer, DeviceProfile profile,
            ProfileLoader.Mapping m) {
        List<IdentifyCheck> checks = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = pointer + "/" + i;
            Double min = c.has("min") ? c.get("min").asDouble() : null;
            Double max = c.has("max") ? c.get("max").asDouble() : null;
            if (min != null && max != null && max < min) {
                m.problem(at + "/max", "expected max >= min (" + min + "), got " + max);
            }
            boolean equalsUnitId = c.path("equalsUnitId").asBoolean(false);
            String why = c.path("why").asString(null);
            if (c.has("point")) {
                if (c.has("function") || c.has("address") || c.has("type")) {
                    m.problem(at, "give either point: or function, address and type, not both");
                    continue;
                }
                String name = c.get("point").asString("");
                PointDefinition point = profile.point(name).orElse(null);
                if (point == null) {
                    m.problem(at + "/point", "expected a point of " + profile.id() + ", got '" + name + "'");
                    continue;
                }
                checks.add(new IdentifyCheck(name, point, min, max, equalsUnitId, point.source(), why));
                continue;
            }
            int before = m.problems.size();
            RegisterFunction function = m.function(c, at);
            int address = m.integer(c, at, "address", 0);
            String source = m.text(c, at, "source");
            String typeText = m.text(c, at, "type");
            if (m.problems.size() > before) {
                continue;
            }
            DataType type = DataType.valueOf(typeText);
            int pdu = profile.addressBase().toPdu(address);
            double scale = c.has("scale") ? c.get("scale").asDouble() : 1.0;
            PointDefinition register = new PointDefinition("identify_" + i, Quantity.STATUS, function, pdu, type,
                    m.wordOrder(c, at, WordOrder.ABCD), scale, 0, "", -1, null, "identify", source);
            String label = function.name().toLowerCase(java.util.Locale.ROOT) + " " + address
                    + String.format(java.util.Locale.ROOT, " (0x%04X)", address);
            checks.add(new IdentifyCheck(label, register, min, max, equalsUnitId, source, why));
        }
        return checks;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }
}
