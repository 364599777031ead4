package io.wattline.profiles;

import io.wattline.core.Quantity;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns one profile YAML into a {@link DeviceProfile}: checks it against
 * {@code schema/profile.schema.json}, converts addresses from the declared base to PDU addresses,
 * defaults word orders from the profile, then lets {@link ProfileLinter} check what the schema
 * cannot. Every problem names file, line and field; all of them are reported.
 */
public final class ProfileLoader {

    public static final String SCHEMA_RESOURCE = "schema/profile.schema.json";
    private static final YamlSchemaValidator SCHEMA = new YamlSchemaValidator(SCHEMA_RESOURCE);
    private static final Pattern HEX = Pattern.compile("0[xX][0-9A-Fa-f]{1,5}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ProfileLoader() {
    }

    /**
     * Parses, maps and lints a profile.
     *
     * @param id   the profile id ({@code vendor/model}, from the file's path)
     * @param file the file name used in error messages
     * @throws ProfileException listing every problem found
     */
    public static DeviceProfile parse(String id, String file, String yamlText) {
        return load(id, file, yamlText).profile();
    }

    /**
     * Parses, maps and lints a profile with its signature registers ({@code identify:}) and the
     * variants of its register map ({@code variants:}, each linted as a profile of its own).
     *
     * @throws ProfileException listing every problem found
     */
    public static LoadedProfile load(String id, String file, String yamlText) {
        YamlSchemaValidator.Result checked = SCHEMA.check(file, yamlText);
        if (!checked.valid()) {
            // Mapping a tree that breaks the schema would only repeat the same errors in other words.
            throw new ProfileException(checked.errors());
        }
        YamlDocument document = checked.document();
        Mapping mapping = new Mapping(document);
        DeviceProfile profile = mapping.profile(id, document.root());
        List<ValidationError> problems = new ArrayList<>(mapping.problems);
        LoadedProfile loaded = null;
        if (profile != null) {
            problems.addAll(ProfileLinter.lint(profile, document));
            int before = mapping.problems.size();
            loaded = ProfileVariantMapping.map(profile, document, mapping);
            problems.addAll(mapping.problems.subList(before, mapping.problems.size()));
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return loaded;
    }

    /** Parses durations as profiles write them: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 1s, 2m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** One pass over the tree; records problems instead of stopping at the first. */
    static final class Mapping {
        private final YamlDocument document;
        final List<ValidationError> problems = new ArrayList<>();

        Mapping(YamlDocument document) {
            this.document = document;
        }

        DeviceProfile profile(String id, JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("", "expected a mapping with schemaVersion, vendor, model, points, ...");
                return null;
            }
            int schemaVersion = integer(root, "", "schemaVersion", 0);
            if (schemaVersion != 1) {
                problem("/schemaVersion", "expected 1 (the only profile schema version), got " + schemaVersion);
            }
            String vendor = text(root, "", "vendor");
            String model = text(root, "", "model");
            String description = text(root, "", "description");
            int base = integer(root, "", "addressBase", 0);
            AddressBase addressBase = base == 1 ? AddressBase.ONE : AddressBase.ZERO;
            if (base != 0 && base != 1) {
                problem("/addressBase", "expected 0 (PDU addresses) or 1 (1-based register numbers), got " + base);
            }
            WordOrder defaultOrder = wordOrder(root, "", WordOrder.ABCD);

            List<String> sources = new ArrayList<>();
            for (int i = 0; i < size(root, "sources"); i++) {
                JsonNode s = root.get("sources").get(i);
                String at = "/sources/" + i;
                StringBuilder b = new StringBuilder(text(s, at, "id")).append(": ").append(text(s, at, "title"));
                if (s.has("version")) {
                    b.append(", ").append(s.get("version").asString());
                }
                if (s.has("url")) {
                    b.append(", ").append(s.get("url").asString());
                }
                sources.add(b.toString());
            }

            List<RegisterRange> readable = readable(root.get("readable"), "/readable", addressBase);
            size(root, "readable"); // says so when the list is missing

            Quirks quirks = quirks(root.get("quirks"));
            Optional<DeviceProfile.Rating> rated = rating(root.get("rated"));
            Map<Quantity, Double> deadbands = deadbands(root.get("deadbands"));

            Map<String, Duration> pollGroups = new LinkedHashMap<>();
            JsonNode groups = root.get("pollGroups");
            if (groups == null || !groups.isObject()) {
                problem("/pollGroups", "expected a mapping of poll group name to default period, e.g. fast: 1s");
            } else {
                for (Map.Entry<String, JsonNode> e : groups.properties()) {
                    duration(e.getValue(), "/pollGroups/" + e.getKey()).ifPresent(d -> pollGroups.put(e.getKey(), d));
                }
            }

            List<PointDefinition> points = new ArrayList<>();
            for (int i = 0; i < size(root, "points"); i++) {
                PointDefinition p = point(root.get("points").get(i), "/points/" + i, addressBase, defaultOrder);
                if (p != null) {
                    points.add(p);
                }
            }
            if (size(root, "points") == 0 && root.has("points")) {
                problem("/points", "expected at least one point");
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new DeviceProfile(id, vendor, model, description, schemaVersion, addressBase, points,
                    readable, quirks, sources, pollGroups, rated, deadbands);
        }

        /** Report-by-exception deadbands per gauge quantity ({@code deadbands: {VOLTAGE: 0.5}}), absent: none. */
        Map<Quantity, Double> deadbands(JsonNode node) {
            Map<Quantity, Double> bands = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return bands;
            }
            if (!node.isObject()) {
                problem("/deadbands", "expected a mapping of quantity to deadband, e.g. VOLTAGE: 0.5");
                return bands;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = "/deadbands/" + e.getKey();
                Quantity q;
                try {
                    q = Quantity.parse(e.getKey());
                } catch (IllegalArgumentException ex) {
                    problem(at, "unknown quantity '" + e.getKey() + "' (a io.wattline.core.Quantity constant, e.g. VOLTAGE)");
                    continue;
                }
                JsonNode v = e.getValue();
                if (q.isCounter()) {
                    problem(at, q + " is a counter: counters report every change, so no consumption is hidden; remove it");
                } else if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
                    problem(at, "expected a number >= 0 in " + q + "'s unit, got '" + v + "'");
                } else {
                    bands.put(q, v.asDouble());
                }
            }
            return bands;
        }

        /** The manual's rating ({@code rated: {maxPowerKw | maxFlowPerHour, source}}), if the profile gives one. */
        Optional<DeviceProfile.Rating> rating(JsonNode node) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            JsonNode power = node.get("maxPowerKw");
            JsonNode flow = node.get("maxFlowPerHour");
            JsonNode value = power != null ? power : flow;
            if ((power == null) == (flow == null) || !value.isNumber() || !(value.asDouble() > 0)
                    || Double.isInfinite(value.asDouble())) {
                problem("/rated", "expected one of maxPowerKw (kW) or maxFlowPerHour (m3/h, t/h), a number > 0");
                return Optional.empty();
            }
            JsonNode source = node.get("source");
            if (source == null || !source.isString() || source.asString().isBlank()) {
                problem("/rated/source", "expected the citation of the rating: a source id and the page or table");
                return Optional.empty();
            }
            return Optional.of(new DeviceProfile.Rating(value.asDouble(), source.asString()));
        }

        /** Readable ranges of a list (absent: none), PDU addresses. */
        List<RegisterRange> readable(JsonNode list, String pointer, AddressBase addressBase) {
            List<RegisterRange> readable = new ArrayList<>();
            for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
                JsonNode r = list.get(i);
                String at = pointer + "/" + i;
                RegisterFunction f = function(r, at);
                int first = integer(r, at, "first", 0);
                int last = integer(r, at, "last", 0);
                if (last < first) {
                    problem(at + "/last", "expected last >= first (" + first + "), got " + last);
                }
                readable.add(new RegisterRange(f, addressBase.toPdu(first), addressBase.toPdu(last) + 1));
            }
            return readable;
        }

        PointDefinition point(JsonNode p, String at, AddressBase base, WordOrder defaultOrder) {
            int before = problems.size();
            String name = text(p, at, "name");
            Quantity quantity = null;
            String q = text(p, at, "quantity");
            try {
                quantity = Quantity.parse(q);
            } catch (IllegalArgumentException e) {
                problem(at + "/quantity", "expected a io.wattline.core.Quantity constant (e.g. ACTIVE_POWER), got '" + q + "'");
            }
            RegisterFunction function = function(p, at);
            int address = integer(p, at, "address", 0);
            DataType type = null;
            String t = text(p, at, "type");
            try {
                type = DataType.valueOf(t);
            } catch (IllegalArgumentException e) {
                problem(at + "/type", "expected one of INT16, UINT16, INT32, UINT32, INT64, UINT64, FLOAT32, FLOAT64, BIT, got '" + t + "'");
            }
            WordOrder order = wordOrder(p, at, defaultOrder);
            if (!p.has("wordOrder") && type != null && type.registerCount() == 1 && order.swapsWords()) {
                // The profile's default word swap means nothing for a one-register value; keep only its byte swap.
                order = order.swapsBytes() ? WordOrder.BADC : WordOrder.ABCD;
            }
            double scale = p.has("scale") ? number(p, at, "scale") : 1.0;
            double offset = p.has("offset") ? number(p, at, "offset") : 0.0;
            String unit = p.has("unit") ? p.get("unit").asString() : null;
            if (unit == null) {
                problem(at + "/unit", "expected the unit (the quantity's canonical unit after scaling)");
            }
            int bit = p.has("bit") ? integer(p, at, "bit", -1) : -1;
            Double counterMax = p.has("counterMax") ? number(p, at, "counterMax") : null;
            String pollGroup = text(p, at, "pollGroup");
            String source = text(p, at, "source");
            if (problems.size() > before) {
                return null;
            }
            return new PointDefinition(name, quantity, function, base.toPdu(address), type, order, scale, offset,
                    unit, bit, counterMax, pollGroup, source);
        }

        private Quirks quirks(JsonNode node) {
            Quirks none = Quirks.none();
            if (node == null) {
                return none;
            }
            int max = node.has("maxRegistersPerRequest")
                    ? integer(node.get("maxRegistersPerRequest"), "/quirks/maxRegistersPerRequest", "value", none.maxRegistersPerRequest())
                    : none.maxRegistersPerRequest();
            boolean even = node.has("evenRegisterCount")
                    && flag(node.get("evenRegisterCount"), "/quirks/evenRegisterCount");
            Duration pause = none.pauseBetweenRequests();
            if (node.has("pauseBetweenRequests")) {
                JsonNode v = node.get("pauseBetweenRequests").get("value");
                pause = duration(v, "/quirks/pauseBetweenRequests/value").orElse(pause);
            }
            boolean onePerPoint = node.has("oneRequestPerPoint")
                    && flag(node.get("oneRequestPerPoint"), "/quirks/oneRequestPerPoint");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode reason = e.getValue().get("reason");
                if (reason == null || reason.asString().isBlank()) {
                    problem("/quirks/" + e.getKey() + "/reason", "expected the reason for this quirk (what the manual or a capture says)");
                }
            }
            return new Quirks(max, even, pause, onePerPoint);
        }

        private boolean flag(JsonNode quirk, String at) {
            JsonNode v = quirk.get("value");
            if (v == null || !v.isBoolean()) {
                problem(at + "/value", "expected true or false");
                return false;
            }
            return v.asBoolean();
        }

        private java.util.Optional<Duration> duration(JsonNode v, String at) {
            try {
                if (v == null) {
                    throw new IllegalArgumentException("expected a duration like 500ms, 1s, 2m or 1h");
                }
                return java.util.Optional.of(parseDuration(v.asString()));
            } catch (IllegalArgumentException e) {
                problem(at, e.getMessage());
                return java.util.Optional.empty();
            }
        }

        RegisterFunction function(JsonNode node, String at) {
            String f = text(node, at, "function");
            try {
                return RegisterFunction.parse(f);
            } catch (IllegalArgumentException e) {
                problem(at + "/function", "expected holding, input, coil or discrete, got '" + f + "'");
                return RegisterFunction.HOLDING;
            }
        }

        WordOrder wordOrder(JsonNode node, String at, WordOrder fallback) {
            if (!node.has("wordOrder")) {
                return fallback;
            }
            String w = node.get("wordOrder").asString();
            try {
                return WordOrder.valueOf(w.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(at + "/wordOrder", "expected ABCD, CDAB, BADC or DCBA, got '" + w + "'");
                return fallback;
            }
        }

        private int size(JsonNode root, String field) {
            JsonNode n = root.get(field);
            if (n == null || !n.isArray()) {
                problem("/" + field, "expected a list");
                return 0;
            }
            return n.size();
        }

        String text(JsonNode node, String at, String field) {
            JsonNode v = node == null ? null : node.get(field);
            if (v == null || v.isNull() || v.isObject() || v.isArray() || v.asString().isBlank()) {
                problem(at + "/" + field, "expected a non-empty text");
                return "";
            }
            return v.asString();
        }

        /** An integer; also hex text {@code 0x2012}, since manuals print register addresses in hex. */
        int integer(JsonNode node, String at, String field, int fallback) {
            JsonNode v = node == null ? null : node.get(field);
            if (v != null && v.isString() && HEX.matcher(v.asString()).matches()) {
                return Integer.parseInt(v.asString().substring(2), 16);
            }
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                problem(at + "/" + field, "expected an integer (or hex such as 0x2012)");
                return fallback;
            }
            return v.asInt();
        }

        double number(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isNumber()) {
                problem(at + "/" + field, "expected a number");
                return Double.NaN;
            }
            return v.asDouble();
        }

        ValidationError error(String pointer, String message) {
            return document.error(pointer, message);
        }

        void problem(String pointer, String message) {
            problems.add(document.error(pointer, message));
        }
    }
}
