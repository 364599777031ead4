package io.wattline.profiles.opcua;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.profiles.ProfileException;
import io.wattline.profiles.ProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads OPC UA profiles ({@code protocol: opc-ua}) from the classpath folder {@code opcua-profiles/}
 * (this jar ships them; {@code index.txt} there lists their ids), checked against
 * {@code schema/opcua-profile.schema.json} by the shared validator and then by the rules a schema
 * cannot express. Every problem names file, line and field; all of them are reported at once.
 */
public final class OpcUaProfileLoader {

    /** Classpath folder of the shipped OPC UA profiles. */
    public static final String RESOURCE_DIR = "opcua-profiles/";
    /** Lists the ids of the shipped OPC UA profiles, one per line; a test keeps it equal to the folder. */
    public static final String INDEX_RESOURCE = RESOURCE_DIR + "index.txt";
    public static final String SCHEMA_RESOURCE = "schema/opcua-profile.schema.json";
    static final Duration DEFAULT_SAMPLING = Duration.ofSeconds(1);
    private static final YamlSchemaValidator SCHEMA = new YamlSchemaValidator(SCHEMA_RESOURCE);

    private static final OpcUaProfileLoader BUILT_IN = new OpcUaProfileLoader();
    /** Read once, on first use (the jar does not change while running). */
    private static volatile List<String> builtInIds;

    private final Map<String, Optional<OpcUaProfile>> cache = new ConcurrentHashMap<>();

    /** A loader shared by everyone (profiles are immutable, so its cache may be too). */
    public static OpcUaProfileLoader builtIn() {
        return BUILT_IN;
    }

    /** Ids ({@code vendor/model}) of the shipped OPC UA profiles, as listed in {@link #INDEX_RESOURCE}, sorted. */
    public static List<String> builtInIds() {
        List<String> ids = builtInIds;
        if (ids == null) {
            ids = readIndex(); // racing first calls read the same file twice: harmless
            builtInIds = ids;
        }
        return ids;
    }

    private static List<String> readIndex() {
        try (InputStream in = OpcUaProfileLoader.class.getClassLoader().getResourceAsStream(INDEX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + INDEX_RESOURCE
                        + " is missing: the device-profiles jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX_RESOURCE, e);
        }
    }

    /**
     * Every shipped OPC UA profile, sorted by id.
     *
     * @throws ProfileException listing the problems of every broken or missing listed file
     */
    public List<OpcUaProfile> all() {
        List<OpcUaProfile> loaded = new ArrayList<>();
        List<ValidationError> problems = new ArrayList<>();
        for (String id : builtInIds()) {
            try {
                find(id).ifPresentOrElse(loaded::add, () -> problems.add(new ValidationError(
                        "classpath:" + RESOURCE_DIR + id + ".yaml", 0, 0, "", "listed OPC UA profile file is missing")));
            } catch (ProfileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return List.copyOf(loaded);
    }

    /**
     * The OPC UA profile with this id ({@code vendor/model}), if one ships in the jar.
     *
     * @throws ProfileException when the shipped file is broken
     */
    public Optional<OpcUaProfile> find(String id) {
        // Only listed ids: an id from a plant file never becomes an arbitrary classpath path ("../x").
        if (!builtInIds().contains(id)) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(id, OpcUaProfileLoader::loadResource);
    }

    private static Optional<OpcUaProfile> loadResource(String id) {
        String resource = RESOURCE_DIR + id + ".yaml";
        try (InputStream in = OpcUaProfileLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(id, "classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Parses one OPC UA profile.
     *
     * @throws ProfileException listing every problem, each with file, line and field
     */
    public static OpcUaProfile parse(String id, String file, String yamlText) {
        YamlSchemaValidator.Result checked = SCHEMA.check(file, yamlText);
        if (checked.document() == null) {
            throw new ProfileException(checked.errors()); // not YAML
        }
        YamlDocument doc = checked.document();
        List<ValidationError> problems = new ArrayList<>(checked.errors());
        // The rules below run also when the schema failed, so every problem shows at once; where the
        // schema has already spoken about a field, they stay silent about it.
        Set<String> reported = checked.errors().stream().map(ValidationError::field).collect(Collectors.toSet());
        List<ValidationError> rules = new ArrayList<>();
        OpcUaProfile profile = map(id, doc, rules);
        rules.stream().filter(p -> !reported.contains(p.field())).forEach(problems::add);
        problems.sort(Comparator.comparingInt(ValidationError::line).thenComparingInt(ValidationError::column));
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return profile;
    }

    /** Maps the tree, recording what the schema cannot check in {@code problems}. */
    private static OpcUaProfile map(String id, YamlDocument doc, List<ValidationError> problems) {
        JsonNode root = doc.root();
        JsonNode defaults = root.path("defaults");
        Duration defaultSampling = duration(doc, "/defaults/samplingInterval", defaults, DEFAULT_SAMPLING, problems);
        // an invalid default is the schema's error once, not every point's again
        int defaultQueue = Math.max(1, defaults.path("queueSize").asInt(1));
        List<OpcUaPoint> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode list = root.path("points");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            String at = "/points/" + i;
            JsonNode p = list.get(i);
            String name = text(p, "name");
            if (!PointId.isValidPointName(name)) {
                problems.add(doc.error(at + "/name", "expected a point name of lower-case letters, digits and '_', got '"
                        + name + "'"));
                continue;
            }
            if (!names.add(name)) {
                problems.add(doc.error(at + "/name", "point '" + name + "' is declared twice"));
            }
            Quantity quantity;
            try {
                quantity = Quantity.parse(String.valueOf(text(p, "quantity")));
            } catch (IllegalArgumentException e) {
                problems.add(doc.error(at + "/quantity", "unknown quantity '" + text(p, "quantity") + "'"));
                continue;
            }
            String unit = p.path("unit").isString() ? text(p, "unit") : quantity.unit();
            if (!quantity.unit().equals(unit)) {
                problems.add(doc.error(at + "/unit", "expected the canonical unit '" + quantity.unit() + "' of "
                        + quantity + " (use scale to convert), got '" + unit + "'"));
            }
            Deadband deadband = Deadband.NONE;
            try {
                deadband = Deadband.parse(p.has("deadband") ? p.get("deadband").asString() : null);
            } catch (IllegalArgumentException e) {
                problems.add(doc.error(at + "/deadband", e.getMessage()));
            }
            try {
                points.add(new OpcUaPoint(name, quantity, quantity.unit(), text(p, "nodeId"), text(p, "browsePath"),
                        duration(doc, at + "/samplingInterval", p, defaultSampling, problems),
                        p.path("queueSize").asInt(defaultQueue), deadband,
                        p.path("scale").asDouble(1.0), p.path("offset").asDouble(0.0),
                        p.path("checkServerUnit").asBoolean(true)));
            } catch (IllegalArgumentException e) {
                problems.add(doc.error(at, e.getMessage()));
            }
        }
        return new OpcUaProfile(id, text(root, "vendor"), text(root, "model"), text(root, "description"), points);
    }

    private static Duration duration(YamlDocument doc, String at, JsonNode parent, Duration fallback,
            List<ValidationError> problems) {
        String field = at.substring(at.lastIndexOf('/') + 1);
        if (!parent.has(field)) {
            return fallback;
        }
        try {
            return ProfileLoader.parseDuration(parent.get(field).asString());
        } catch (IllegalArgumentException e) {
            problems.add(doc.error(at, e.getMessage()));
            return fallback;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
