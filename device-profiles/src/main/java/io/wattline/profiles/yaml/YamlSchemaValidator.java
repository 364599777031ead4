package io.wattline.profiles.yaml;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks YAML files against a JSON Schema (draft 2020-12) from the classpath and reports every
 * error with file, line, column and field, in words a plant engineer understands.
 */
public final class YamlSchemaValidator {

    private final String schemaResource;
    private final JsonNode schemaTree;
    private final Schema schema;

    /** @param schemaResource classpath resource, e.g. {@code schema/plant.schema.json} */
    public YamlSchemaValidator(String schemaResource) {
        this.schemaResource = schemaResource;
        ClassLoader loader = YamlSchemaValidator.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalArgumentException("schema not on the classpath: " + schemaResource);
            }
            this.schemaTree = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + schemaResource, e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schema = registry.getSchema(SchemaLocation.of("classpath:" + schemaResource), schemaTree);
    }

    /** The outcome of a check: the document (absent when the YAML did not parse) and all errors. */
    public record Result(YamlDocument document, List<ValidationError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Parses and validates; never throws for bad input. Errors are sorted by line. */
    public Result check(String fileName, String yamlText) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(fileName, yamlText);
        } catch (YamlSyntaxException e) {
            return new Result(null, List.of(e.error()));
        }
        return new Result(document, validate(document));
    }

    /** Parses and validates; an empty list means the file conforms to the schema. */
    public List<ValidationError> validate(String fileName, String yamlText) {
        return check(fileName, yamlText).errors();
    }

    /** Validates an already parsed document, including its parse-time problems (duplicate keys). */
    public List<ValidationError> validate(YamlDocument document) {
        return validate(document, "", document.problems());
    }

    /**
     * Validates one section of a document against this schema, e.g. a plant file's inline
     * {@code /tariff} against the tariff file schema; errors carry the section's full field path.
     * The document's parse-time problems are left to the check of the whole file.
     */
    public List<ValidationError> validateSection(YamlDocument document, String sectionPointer) {
        return validate(document, sectionPointer, List.of());
    }

    private List<ValidationError> validate(YamlDocument document, String section, List<ValidationError> problems) {
        Set<ValidationError> errors = new LinkedHashSet<>(problems);
        List<Error> raw = schema.validate(document.at(section));
        // A misspelt required field shows up twice: as unknown and as missing. Say it once, at
        // the misspelling, which is where the user has to look.
        Set<String> suggested = new HashSet<>();
        for (Error error : raw) {
            if ("additionalProperties".equals(error.getKeyword())) {
                String object = section + pointer(error.getInstanceLocation());
                List<String> known = new ArrayList<>();
                owningSchema(error).path("properties").propertyNames().forEach(known::add);
                Spelling.closest(error.getProperty(), known)
                        .ifPresent(name -> suggested.add(JsonPointers.child(object, name)));
            }
        }
        for (Error error : raw) {
            boolean explained = "required".equals(error.getKeyword()) && suggested.contains(
                    JsonPointers.child(section + pointer(error.getInstanceLocation()), error.getProperty()));
            if (!explained) {
                errors.add(translate(document, section, error));
            }
        }
        List<ValidationError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ValidationError::line)
                .thenComparingInt(ValidationError::column));
        return sorted;
    }

    private ValidationError translate(YamlDocument document, String section, Error error) {
        String pointer = section + pointer(error.getInstanceLocation());
        JsonNode instance = error.getInstanceNode() != null
                ? error.getInstanceNode() : document.at(pointer);
        JsonNode owner = owningSchema(error);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String name = error.getProperty();
                String field = JsonPointers.child(pointer, name);
                List<String> known = new ArrayList<>();
                owner.path("properties").propertyNames().forEach(known::add);
                String expected = known.isEmpty() ? "no fields here"
                        : "expected one of: " + String.join(", ", known);
                return document.error(field, "unknown field '" + name + "' (" + expected + ")"
                        + Spelling.didYouMean(name, known));
            }
            case "required" -> {
                String name = error.getProperty();
                // the field has no line of its own: lineOf falls back to its parent's
                return document.error(JsonPointers.child(pointer, name),
                        "missing required field '" + name + "'");
            }
            case "type" -> {
                if (instance.isNumber() && !Double.isFinite(instance.asDouble())) {
                    // YAML's .nan and .inf parse as numbers, but no JSON number is one
                    return document.error(pointer, "expected a finite number, got " + instance.asDouble());
                }
                return document.error(pointer, "expected " + expectedTypes(owner.path("type"))
                        + ", got " + describe(instance));
            }
            case "enum" -> {
                List<String> values = new ArrayList<>();
                owner.path("enum").forEach(v -> values.add(v.isString() ? v.asString() : v.toString()));
                String hint = instance.isString() ? Spelling.didYouMean(instance.asString(), values) : "";
                return document.error(pointer, "expected one of: " + String.join(", ", values)
                        + ", got " + describe(instance) + hint);
            }
            case "const" -> {
                return document.error(pointer, "expected " + owner.path("const")
                        + ", got " + describe(instance));
            }
            case "pattern", "format" -> {
                String what = owner.has("description") ? owner.path("description").asString()
                        : "text matching " + owner.path("pattern").asString();
                return document.error(pointer, "expected " + what + ", got " + describe(instance));
            }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                return document.error(pointer, "expected " + range(owner) + ", got " + instance);
            }
            case "minItems" -> {
                return document.error(pointer, "expected at least " + owner.path("minItems")
                        + " entries, got " + instance.size());
            }
            case "maxItems" -> {
                return document.error(pointer, "expected at most " + owner.path("maxItems")
                        + " entries, got " + instance.size());
            }
            case "minLength" -> {
                return document.error(pointer, "expected text of at least "
                        + owner.path("minLength") + " characters, got " + describe(instance));
            }
            case "false" -> {
                return document.error(pointer, "field not allowed here");
            }
            default -> {
                return document.error(pointer, error.getMessage().replaceFirst("^[^:]*: ", ""));
            }
        }
    }

    /** The schema object that holds the failing keyword, found in our own copy of the schema. */
    private JsonNode owningSchema(Error error) {
        SchemaLocation location = error.getSchemaLocation();
        if (location == null || location.getFragment() == null) {
            return error.getSchemaNode() == null ? schemaTree : error.getSchemaNode();
        }
        String fragment = pointer(location.getFragment());
        JsonNode node = schemaTree.at(JsonPointers.parent(fragment));
        return node.isMissingNode() ? schemaTree : node;
    }

    private static String range(JsonNode owner) {
        List<String> parts = new ArrayList<>();
        String kind = "integer".equals(owner.path("type").asString()) ? "integer" : "number";
        if (owner.has("minimum")) {
            parts.add(">= " + owner.get("minimum"));
        }
        if (owner.has("exclusiveMinimum")) {
            parts.add("> " + owner.get("exclusiveMinimum"));
        }
        if (owner.has("maximum")) {
            parts.add("<= " + owner.get("maximum"));
        }
        if (owner.has("exclusiveMaximum")) {
            parts.add("< " + owner.get("exclusiveMaximum"));
        }
        if (owner.has("minimum") && owner.has("maximum")) {
            return kind + " from " + owner.get("minimum") + " to " + owner.get("maximum");
        }
        return kind + " " + String.join(" and ", parts);
    }

    private static String expectedTypes(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(typeName(t.asString())));
            return String.join(" or ", names);
        }
        return typeName(type.asString());
    }

    private static String typeName(String type) {
        return switch (type) {
            case "object" -> "mapping (key: value)";
            case "array" -> "list";
            default -> type;
        };
    }

    /** A value as the user wrote it, with its kind: {@code string "abc"}, {@code integer 7}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "empty value";
        }
        if (node.isString()) {
            return "string \"" + node.asString() + "\"";
        }
        if (node.isIntegralNumber()) {
            return "integer " + node;
        }
        if (node.isNumber()) {
            return "number " + node;
        }
        if (node.isBoolean()) {
            return "boolean " + node;
        }
        if (node.isArray()) {
            return "list";
        }
        return "mapping";
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            String segment = String.valueOf(element);
            pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    @Override
    public String toString() {
        return "YamlSchemaValidator[" + schemaResource + "]";
    }
}
