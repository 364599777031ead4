package io.wattline.web.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.GroupFileLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.core.plant.Plant;
import io.wattline.web.InvalidPlantConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A central's plant model per site: a site naming its plant file in the group file gets that plant
 * (its meters, lines, tariff and zone), a site without one the central's own; a broken site plant
 * file stops the start with errors naming the site and the file.
 */
class SitePlantsTest {

    @TempDir
    Path dir;

    @Test
    void eachSiteGetsItsOwnPlantFileOrTheCentrals() throws Exception {
        Files.createDirectories(dir.resolve("plants"));
        Files.writeString(dir.resolve("plants/leipzig.yaml"), FleetPlants.plantB(1502));
        Path groupFile = Files.writeString(dir.resolve("group.yaml"), String.join("\n", "group: g",
                "broker: tcp://127.0.0.1:1883", "sites:", "  - {id: site-a, edges: [edge-a]}",
                "  - {id: site-b, plant: plants/leipzig.yaml, edges: [edge-b]}", ""));
        FleetGroup group = GroupFileLoader.load(groupFile);
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant demo = library.plantLoader().loadResource("demo/plant.yaml");
        PointCatalogue own = PointCatalogues.build(demo, library::findModbus, library::findOpcUa);

        SitePlants plants = SitePlants.load(group, groupFile, own, demo.tariff().orElseThrow(), List.of());

        SitePlants.SitePlant a = plants.site("site-a").orElseThrow();
        assertSame(own, a.catalogue(), "site a names no plant file: the central's own");
        assertNull(a.file());
        SitePlants.SitePlant b = plants.site("site-b").orElseThrow();
        assertEquals(ZoneId.of("Europe/Berlin"), b.plant().zone());
        assertEquals(List.of("press", "paint"), b.plant().lines().stream().map(l -> l.id()).toList());
        assertEquals("leipzig-two-rate", b.tariff().id());
        assertTrue(b.catalogue().all().stream().anyMatch(p -> p.id().toString().equals("press-power.active_power")),
                "site b's catalogue has its own meters");
        assertTrue(b.catalogue().all().stream().noneMatch(p -> p.meterId().equals("line1-power")),
                "and not the demo's");
        assertTrue(plants.site("elsewhere").isEmpty());
    }

    @Test
    void aBrokenSitePlantFileNamesTheSiteAndTheFile() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), FleetPlants.plantB(1502).replace("Europe/Berlin", "Nowhere/City"));
        Path groupFile = Files.writeString(dir.resolve("group.yaml"), String.join("\n", "group: g",
                "broker: tcp://127.0.0.1:1883", "sites:", "  - {id: sh01, plant: broken.yaml, edges: [edge-a]}", ""));
        FleetGroup group = GroupFileLoader.load(groupFile);
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant demo = library.plantLoader().loadResource("demo/plant.yaml");
        PointCatalogue own = PointCatalogues.build(demo, library::findModbus, library::findOpcUa);

        InvalidPlantConfigurationException e = assertThrows(InvalidPlantConfigurationException.class,
                () -> SitePlants.load(group, groupFile, own, null, List.of()));
        String text = e.getMessage();
        assertTrue(text.contains("site 'sh01'") && text.contains(groupFile.toString())
                && text.contains(dir.resolve("broken.yaml").toString()) && text.contains("Nowhere/City")
                && text.contains("厂区 sh01"), text);
        assertTrue(e.errors().stream().anyMatch(x -> x.toString().contains("broken.yaml:")), e.errors().toString());
    }

    @Test
    void aReportDefinitionNamingAnUnknownSiteIsRefusedWithItsFileAndLine() throws Exception {
        String plantB = FleetPlants.plantB(1502);
        assertTrue(plantB.contains("id: daily, name:"), "the fixture's daily report definition");
        Files.writeString(dir.resolve("leipzig.yaml"), plantB.replace("id: daily, name:", "id: daily, site: site-x, name:"));
        Path groupFile = Files.writeString(dir.resolve("group.yaml"), String.join("\n", "group: g",
                "broker: tcp://127.0.0.1:1883", "sites:", "  - {id: site-a, edges: [edge-a]}",
                "  - {id: site-b, plant: leipzig.yaml, edges: [edge-b]}", ""));
        List<String> lines = Files.readAllLines(dir.resolve("leipzig.yaml"));
        int line = 1 + java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).contains("site: site-x")).findFirst().orElseThrow();
        FleetGroup group = GroupFileLoader.load(groupFile);
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant demo = library.plantLoader().loadResource("demo/plant.yaml");
        PointCatalogue own = PointCatalogues.build(demo, library::findModbus, library::findOpcUa);

        // the central's start
        InvalidPlantConfigurationException e = assertThrows(InvalidPlantConfigurationException.class,
                () -> SitePlants.load(group, groupFile, own, null, List.of()));
        String error = e.errors().toString();
        assertTrue(error.contains(dir.resolve("leipzig.yaml") + ":" + line + ":")
                && error.contains("reports.definitions[0].site") && error.contains("site 'site-x'")
                && error.contains("[site-a, site-b]") && error.contains("厂区 site-x"), error);

        // ./wattline validate group.yaml says the same
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = io.wattline.config.ConfigValidator.run(List.of(), List.of(groupFile),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertTrue(printed.contains("leipzig.yaml:" + line + ":") && printed.contains("site 'site-x'"), printed);
    }

    @Test
    void aReportForOneSiteMustSitInAPlantFileThatSiteUses() throws Exception {
        // site a accounts with the central's own (demo) plant: a report for it in site b's file would never run
        Files.writeString(dir.resolve("leipzig.yaml"),
                FleetPlants.plantB(1502).replace("id: daily, name:", "id: daily, site: site-a, name:"));
        Path groupFile = Files.writeString(dir.resolve("group.yaml"), String.join("\n", "group: g",
                "broker: tcp://127.0.0.1:1883", "sites:", "  - {id: site-a, edges: [edge-a]}",
                "  - {id: site-b, plant: leipzig.yaml, edges: [edge-b]}", ""));
        FleetGroup group = GroupFileLoader.load(groupFile);
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant demo = library.plantLoader().loadResource("demo/plant.yaml");
        PointCatalogue own = PointCatalogues.build(demo, library::findModbus, library::findOpcUa);
        InvalidPlantConfigurationException e = assertThrows(InvalidPlantConfigurationException.class,
                () -> SitePlants.load(group, groupFile, own, null, List.of()));
        assertTrue(e.errors().toString().contains("accounts with another plant file"), e.errors().toString());

        // naming its own site is fine, and the loaded definition carries it
        Files.writeString(dir.resolve("leipzig.yaml"),
                FleetPlants.plantB(1502).replace("id: daily, name:", "id: daily, site: site-b, name:"));
        SitePlants plants = SitePlants.load(group, groupFile, own, null, List.of());
        assertEquals("site-b", plants.site("site-b").orElseThrow().plant().reports().definition("daily")
                .orElseThrow().site());
    }
}
