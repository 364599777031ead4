package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.core.fleet.FleetGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupFileLoaderTest {

    private static final String GOOD = """
            group: acme-plants
            broker: tcp://127.0.0.1:1883
            username: wattline
            keep_alive: 5s
            sites:
              - id: shanghai
                name: 上海工厂
                edges: [sh-edge]
              - id: suzhou
                edges: [sz-edge-1, sz-edge-2]
            centrals: [hq-1]
            deadband:
              ACTIVE_POWER: 0.5
            """;

    @Test
    void aGroupFileLoads() throws ConfigException {
        FleetGroup g = GroupFileLoader.parse("group.yaml", GOOD);
        assertEquals("acme-plants", g.group());
        assertEquals("tcp://127.0.0.1:1883", g.broker());
        assertEquals(Duration.ofSeconds(5), g.keepAlive());
        assertEquals("suzhou", g.siteOfEdge("sz-edge-2").orElseThrow().id());
        assertEquals("上海工厂", g.site("shanghai").orElseThrow().name());
        assertEquals(List.of("hq-1"), g.centrals());
        assertEquals(0.5, g.deadbands().get(Quantity.ACTIVE_POWER));
    }

    @Test
    void theDocumentedExampleLoads() throws ConfigException {
        FleetGroup g = GroupFileLoader.load(java.nio.file.Path.of("..", "docs", "fleet-group.example.yaml"));
        assertEquals("demo-b", g.siteOfEdge("edge-b").orElseThrow().id());
        assertEquals(List.of("hq-1"), g.centrals());
    }

    @Test
    void validateTellsAGroupFileFromAPlantFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("group.yaml"),
                "group: g\nbroker: tcp://h:1883\nsites: [{id: a, edges: [e1, e1]}]\n");
        var out = new java.io.ByteArrayOutputStream();
        int code = ConfigValidator.run(List.of(), List.of(bad), new java.io.PrintStream(out, true, "UTF-8"));
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("used twice"), text);
    }

    @Test
    void theDefaultsAreTenSecondsAndEveryChange() throws ConfigException {
        FleetGroup g = GroupFileLoader.parse("g.yaml", "group: g\nbroker: tcp://h:1883\nsites: [{id: a, edges: [e]}]\n");
        assertEquals(Duration.ofSeconds(10), g.keepAlive());
        assertTrue(g.deadbands().isEmpty());
        assertEquals(List.of(), g.centrals());
    }

    @Test
    void errorsSayFileLineFieldAndWhat() {
        String bad = """
                group: acme/plants
                broker: http://127.0.0.1:1883
                sites:
                  - id: a
                    edges: [e1]
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> GroupFileLoader.parse("group.yaml", bad));
        String text = e.getMessage();
        assertTrue(text.contains("group.yaml:1:"), text);
        assertTrue(text.contains("group.yaml:2:"), text);
    }

    @Test
    void duplicateNodeIdsAndUnknownQuantitiesAreLocated() {
        String bad = """
                group: g
                broker: tcp://h:1883
                sites:
                  - id: a
                    edges: [e1]
                  - id: b
                    edges: [e1]
                centrals: [e1]
                deadband:
                  POWERR: 1
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> GroupFileLoader.parse("group.yaml", bad));
        String text = e.getMessage();
        assertTrue(text.contains("group.yaml:7:") && text.contains("used twice"), text);
        assertTrue(text.contains("group.yaml:8:") && text.contains("also an edge"), text);
        assertTrue(text.contains("unknown quantity 'POWERR'"), text);
    }

    @Test
    void aSitesPlantFileIsResolvedAgainstTheGroupFileAndMustExist(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("plants"));
        java.nio.file.Path plant = java.nio.file.Files.writeString(dir.resolve("plants/a.yaml"), "schemaVersion: 1\n");
        java.nio.file.Path group = java.nio.file.Files.writeString(dir.resolve("group.yaml"), String.join("\n",
                "group: g", "broker: tcp://h:1883", "sites:", "  - {id: a, plant: plants/a.yaml, edges: [e1]}",
                "  - {id: b, edges: [e2]}", ""));
        FleetGroup g = GroupFileLoader.load(group);
        assertEquals(plant.toAbsolutePath().normalize(), g.site("a").orElseThrow().plant());
        assertEquals(null, g.site("b").orElseThrow().plant(), "without plant: the central's own plant");

        java.nio.file.Path missing = java.nio.file.Files.writeString(dir.resolve("missing.yaml"), String.join("\n",
                "group: g", "broker: tcp://h:1883", "sites:", "  - {id: sh01, plant: plants/nowhere.yaml, edges: [e1]}",
                ""));
        ConfigException e = assertThrows(ConfigException.class, () -> GroupFileLoader.load(missing));
        String text = e.getMessage();
        assertTrue(text.contains("missing.yaml:4:") && text.contains("sites[0].plant") && text.contains("sh01")
                && text.contains("nowhere.yaml") && text.contains("不存在"), text);
    }

    @Test
    void validateChecksEverySitesPlantFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path plant = java.nio.file.Files.writeString(dir.resolve("broken-plant.yaml"),
                "schemaVersion: 1\nplant: { name: x, timeZone: Nowhere/City }\n");
        java.nio.file.Path group = java.nio.file.Files.writeString(dir.resolve("group.yaml"), String.join("\n",
                "group: g", "broker: tcp://h:1883", "sites:", "  - {id: a, plant: broken-plant.yaml, edges: [e1]}", ""));
        var out = new java.io.ByteArrayOutputStream();
        int code = ConfigValidator.run(List.of(), List.of(group), new java.io.PrintStream(out, true, "UTF-8"));
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("broken-plant.yaml"), text);
    }
}
