package io.wattline.config;

import io.wattline.core.Quantity;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a group file ({@code schema/group.schema.json} plus the rules below) into core's
 * {@link FleetGroup}; every error as {@code file:line:column: field: message}.
 */
public final class GroupFileLoader {

    public static final String SCHEMA_RESOURCE = "schema/group.schema.json";
    private static final YamlSchemaValidator SCHEMA = new YamlSchemaValidator(SCHEMA_RESOURCE);
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(10);

    private GroupFileLoader() {
    }

    public static FleetGroup load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFiles.read(file));
    }

    /** Every error in the file; empty when it loads. */
    public static List<ValidationError> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    /** A site's plant file: absolute as written, else relative to the group file's folder. */
    static Path sitePlant(String groupFileName, String text) {
        Path given = Path.of(text);
        if (given.isAbsolute()) {
            return given.normalize();
        }
        Path folder = Path.of(groupFileName).toAbsolutePath().getParent();
        return (folder == null ? given.toAbsolutePath() : folder.resolve(given)).normalize();
    }

    /** Checks and maps YAML text; {@code fileName} is only used in error messages. */
    public static FleetGroup parse(String fileName, String yamlText) throws ConfigException {
        YamlSchemaValidator.Result result = SCHEMA.check(fileName, yamlText);
        if (result.document() == null || !result.errors().isEmpty()) {
            throw new ConfigException(result.errors());
        }
        YamlDocument doc = result.document();
        JsonNode root = doc.root();
        List<ValidationError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<FleetGroup.Site> sites = new ArrayList<>();
        Set<String> siteIds = new HashSet<>();
        JsonNode sitesNode = root.get("sites");
        for (int i = 0; i < sitesNode.size(); i++) {
            JsonNode s = sitesNode.get(i);
            String id = s.get("id").asString();
            if (!siteIds.add(id)) {
                errors.add(doc.error("/sites/" + i + "/id", "site '" + id + "' appears twice"));
            }
            List<String> edges = new ArrayList<>();
            JsonNode edgesNode = s.get("edges");
            for (int j = 0; j < edgesNode.size(); j++) {
                String edge = edgesNode.get(j).asString();
                if (!ids.add(edge)) {
                    errors.add(doc.error("/sites/" + i + "/edges/" + j, "node id '" + edge
                            + "' is used twice in the group: every edge node needs its own id"));
                }
                edges.add(edge);
            }
            Path plant = null;
            if (s.has("plant")) {
                String text = s.get("plant").asString();
                plant = sitePlant(fileName, text);
                if (!Files.isRegularFile(plant)) {
                    errors.add(doc.error("/sites/" + i + "/plant", "site '" + id + "': plant file " + plant
                            + " does not exist or is not a file; give a path relative to the group file"
                            + " (厂区 " + id + " 的工厂配置文件不存在: 请填写相对群组文件的路径)"));
                }
            }
            sites.add(new FleetGroup.Site(id, s.has("name") ? s.get("name").asString() : null, edges, plant));
        }
        List<String> centrals = new ArrayList<>();
        JsonNode centralsNode = root.path("centrals");
        for (int i = 0; i < centralsNode.size(); i++) {
            String id = centralsNode.get(i).asString();
            if (!ids.add(id)) {
                errors.add(doc.error("/centrals/" + i, "node id '" + id + "' is also an edge or listed twice"));
            }
            centrals.add(id);
        }
        Map<Quantity, Double> deadbands = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("deadband").properties()) {
            try {
                deadbands.put(Quantity.parse(e.getKey()), e.getValue().asDouble());
            } catch (IllegalArgumentException ex) {
                errors.add(doc.error("/deadband/" + e.getKey(), "unknown quantity '" + e.getKey()
                        + "' (expected a quantity like ACTIVE_POWER)"));
            }
        }
        Duration keepAlive = DEFAULT_KEEP_ALIVE;
        if (root.has("keep_alive")) {
            keepAlive = DurationText.parse(root.get("keep_alive").asString()).orElse(DEFAULT_KEEP_ALIVE);
            if (keepAlive.compareTo(Duration.ofSeconds(1)) < 0 || keepAlive.compareTo(Duration.ofMinutes(10)) > 0) {
                errors.add(doc.error("/keep_alive", "keep-alive must be 1s..10m, was " + root.get("keep_alive").asString()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new FleetGroup(root.get("group").asString(), root.get("broker").asString(),
                root.has("username") ? root.get("username").asString() : null, keepAlive, sites, centrals, deadbands);
    }
}
