package io.wattline.profiles.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed YAML file as a Jackson tree that remembers where every node came from, so that schema
 * and semantic checks can report {@code file:line:column}. Nodes are addressed by JSON Pointer
 * ({@code /meters/3/unitId}).
 */
public final class YamlDocument {

    /** Deeper nesting than this is an alias bomb or a recursive alias, never a real config. */
    private static final int MAX_DEPTH = 64;

    private final String fileName;
    private final JsonNode root;
    /** Start of the key that names a field; absent for array elements and the root. */
    private final Map<String, Mark> keyMarks = new HashMap<>();
    /** Start of each value node. */
    private final Map<String, Mark> valueMarks = new HashMap<>();
    private final List<ValidationError> problems = new ArrayList<>();

    private YamlDocument(String fileName, Node yaml) {
        this.fileName = fileName;
        this.root = yaml == null ? JsonNodeFactory.instance.nullNode() : convert(yaml, "", 0);
    }

    /**
     * Parses YAML 1.2 (core schema: {@code 06:00} and {@code 2026-01-05} stay strings).
     *
     * @throws YamlSyntaxException when the text is not well-formed YAML
     */
    public static YamlDocument parse(String fileName, String yamlText) throws YamlSyntaxException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(yamlText);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new YamlSyntaxException(new ValidationError(fileName,
                    mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0),
                    "", "invalid YAML: " + problem + context), e);
        } catch (YamlEngineException e) {
            throw new YamlSyntaxException(
                    new ValidationError(fileName, 0, 0, "", "invalid YAML: " + e.getMessage()), e);
        }
        YamlDocument document = new YamlDocument(fileName, node.orElse(null));
        node.flatMap(Node::getStartMark).ifPresent(m -> document.valueMarks.put("", m));
        return document;
    }

    public String fileName() {
        return fileName;
    }

    /** The whole file; a null node when the file is empty. */
    public JsonNode root() {
        return root;
    }

    /** The node at a JSON Pointer, or a missing node. */
    public JsonNode at(String jsonPointer) {
        return root.at(jsonPointer);
    }

    /**
     * Problems that do not stop parsing but make the file wrong, such as duplicate keys. Schema
     * validation reports them together with its own errors.
     */
    public List<ValidationError> problems() {
        return List.copyOf(problems);
    }

    /** 1-based line of the field (its key) or element at the pointer; the nearest parent's if absent. */
    public int lineOf(String jsonPointer) {
        return markOf(jsonPointer).map(m -> m.getLine() + 1).orElse(0);
    }

    /** 1-based column, found like {@link #lineOf}. */
    public int columnOf(String jsonPointer) {
        return markOf(jsonPointer).map(m -> m.getColumn() + 1).orElse(0);
    }

    /** An error located at the pointer, its field spelled as a dotted path. */
    public ValidationError error(String jsonPointer, String message) {
        return new ValidationError(fileName, lineOf(jsonPointer), columnOf(jsonPointer),
                fieldOf(jsonPointer), message);
    }

    /** {@code /meters/3/unitId} → {@code meters[3].unitId}: indices only where the tree has an array. */
    public String fieldOf(String jsonPointer) {
        StringBuilder field = new StringBuilder();
        JsonNode node = root;
        for (String segment : JsonPointers.segments(jsonPointer)) {
            if (node != null && node.isArray() && segment.chars().allMatch(Character::isDigit)) {
                field.append('[').append(segment).append(']');
                node = node.get(Integer.parseInt(segment));
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(segment);
                node = node != null && node.isObject() ? node.get(segment) : null;
            }
        }
        return field.toString();
    }

    private Optional<Mark> markOf(String jsonPointer) {
        String pointer = jsonPointer;
        while (true) {
            Mark mark = keyMarks.getOrDefault(pointer, valueMarks.get(pointer));
            if (mark != null) {
                return Optional.of(mark);
            }
            if (pointer.isEmpty()) {
                return Optional.empty();
            }
            pointer = JsonPointers.parent(pointer);
        }
    }

    private JsonNode convert(Node node, String pointer, int depth) {
        node.getStartMark().ifPresent(m -> valueMarks.putIfAbsent(pointer, m));
        if (depth > MAX_DEPTH) {
            problems.add(error(pointer, "nesting deeper than " + MAX_DEPTH
                    + " levels (a recursive alias?)"));
            return JsonNodeFactory.instance.nullNode();
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            List<Node> merged = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    merged.addAll(mergeSources(tuple.getValueNode(), pointer));
                    continue;
                }
                String key = tuple.getKeyNode() instanceof ScalarNode scalar
                        ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
                String child = JsonPointers.child(pointer, key);
                if (object.has(key)) {
                    Mark first = keyMarks.get(child);
                    tuple.getKeyNode().getStartMark().ifPresent(m -> problems.add(new ValidationError(
                            fileName, m.getLine() + 1, m.getColumn() + 1, fieldOf(child),
                            "duplicate key '" + key + "'"
                                    + (first == null ? "" : " (first given on line "
                                    + (first.getLine() + 1) + ")"))));
                    continue;
                }
                tuple.getKeyNode().getStartMark().ifPresent(m -> keyMarks.put(child, m));
                object.set(key, convert(tuple.getValueNode(), child, depth + 1));
            }
            // YAML merge keys (<<: *defaults): explicit keys win, then earlier sources win. The
            // merged values keep the marks of where they are written, the anchor's definition.
            for (Node source : merged) {
                for (NodeTuple tuple : ((MappingNode) source).getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode scalar) || isMergeKey(scalar)
                            || object.has(scalar.getValue())) {
                        continue;
                    }
                    String child = JsonPointers.child(pointer, scalar.getValue());
                    scalar.getStartMark().ifPresent(m -> keyMarks.putIfAbsent(child, m));
                    object.set(scalar.getValue(), convert(tuple.getValueNode(), child, depth + 1));
                }
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(convert(items.get(i), JsonPointers.child(pointer, String.valueOf(i)),
                        depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode scalar && scalar.isPlain() && "<<".equals(scalar.getValue());
    }

    /** The mappings after a merge key: one mapping, or a list of them. */
    private List<Node> mergeSources(Node value, String pointer) {
        List<Node> candidates = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<Node> sources = new ArrayList<>();
        for (Node candidate : candidates) {
            if (candidate instanceof MappingNode) {
                sources.add(candidate);
            } else {
                Mark mark = candidate.getStartMark().orElse(null);
                problems.add(new ValidationError(fileName, mark == null ? lineOf(pointer) : mark.getLine() + 1,
                        mark == null ? columnOf(pointer) : mark.getColumn() + 1, fieldOf(pointer),
                        "expected a mapping (or a list of mappings) after '<<', e.g. <<: *defaults"));
            }
        }
        return sources;
    }

    private static JsonNode scalar(ScalarNode scalar) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return nodes.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return nodes.booleanNode(text.equalsIgnoreCase("true"));
            }
            if (Tag.INT.equals(tag)) {
                return integer(text);
            }
            if (Tag.FLOAT.equals(tag)) {
                return nodes.numberNode(floating(text));
            }
        } catch (NumberFormatException e) {
            // The core schema's patterns are wider than Java's parsers (e.g. "+.5"): keep the text,
            // and the schema will say which number it expected.
            return nodes.stringNode(text);
        }
        return nodes.stringNode(text);
    }

    private static JsonNode integer(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (t.startsWith("0x")) {
            value = new BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            value = new BigInteger(t.substring(2), 8);
        } else {
            value = new BigInteger(t);
        }
        return value.bitLength() < 64
                ? JsonNodeFactory.instance.numberNode(value.longValue())
                : JsonNodeFactory.instance.numberNode(value);
    }

    private static double floating(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
