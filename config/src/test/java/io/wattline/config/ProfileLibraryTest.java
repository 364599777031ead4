package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.yaml.ValidationError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiles a plant may name: the shipped ones, {@code --profiles} folders and the plant file's
 * own {@code profiles:} (relative to it), both kinds, with located errors and start-up notes;
 * {@code validate} and {@code profile check} on such folders.
 */
class ProfileLibraryTest {

    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = ProfileLibraryTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code folder/acme/em100}: the shipped SDM120 map under another name, with its frames. */
    static Path em100(Path folder) throws IOException {
        Path vendor = Files.createDirectories(folder.resolve("acme"));
        Files.writeString(vendor.resolve("em100.yaml"), resource("profiles/eastron/sdm120.yaml")
                .replace("vendor: Eastron", "vendor: ACME"));
        Files.writeString(vendor.resolve("em100.frames.yaml"), resource("profiles/eastron/sdm120.frames.yaml")
                .replace("profile: eastron/sdm120", "profile: acme/em100"));
        return folder;
    }

    private Path plant(String profilesLine) throws IOException {
        return Files.writeString(dir.resolve("plant.yaml"), """
                schemaVersion: 1
                %s
                plant: { name: Site, timeZone: Asia/Shanghai }
                sites: [ { id: s1 } ]
                areas: [ { id: a1, site: s1 } ]
                connections:
                  - { id: gw, type: modbus-tcp, host: 10.0.0.5 }
                  - { id: plc, type: opc-ua, host: 10.0.0.9 }
                meters:
                  - { id: press, profile: acme/em100, connection: gw, unitId: 1, carrier: electricity, area: a1 }
                  - { id: line, profile: acme/plc, connection: plc, carrier: none, area: a1 }
                """.formatted(profilesLine));
    }

    private void opcUaPlc(Path folder) throws IOException {
        Files.writeString(folder.resolve("acme/plc.yaml"), """
                schemaVersion: 1
                protocol: opc-ua
                vendor: acme
                model: plc
                points:
                  - { name: good_count, quantity: PRODUCTION_COUNT, nodeId: "ns=2;s=Good" }
                """);
    }

    @Test
    void aPlantFileNamesItsOwnFoldersRelativeToItselfAndItsMetersUseBothKinds() throws Exception {
        em100(dir.resolve("site-profiles"));
        opcUaPlc(dir.resolve("site-profiles"));
        Path file = plant("profiles: [ site-profiles ]");

        ProfileLibrary library = ProfileLibrary.forPlant(file, List.of());
        Plant plant = library.plantLoader().load(file);
        PointCatalogue catalogue = PointCatalogues.build(plant, library::findModbus, library::findOpcUa);
        assertEquals("opcua", catalogue.find(new io.wattline.core.PointId("line", "good_count")).orElseThrow().protocol());
        assertTrue(catalogue.find(new io.wattline.core.PointId("press", "voltage_l1_n")).isPresent());
        assertEquals(List.of(dir.resolve("site-profiles")), library.folders());
        assertTrue(library.notes().get(0).contains("1 Modbus profile(s) [acme/em100], 1 OPC UA profile(s) [acme/plc]"),
                library.notes().toString());
    }

    @Test
    void aFolderThatDoesNotExistIsLocatedInThePlantFile() throws Exception {
        Path file = plant("profiles: [ nowhere ]");
        ConfigException e = assertThrows(ConfigException.class, () -> ProfileLibrary.forPlant(file, List.of()));
        ValidationError error = e.errors().get(0);
        assertEquals(2, error.line(), e.getMessage());
        assertEquals("profiles[0]", error.field());
        assertTrue(error.message().endsWith(dir.resolve("nowhere") + " does not exist"), error.message());
    }

    @Test
    void withoutTheFolderTheMetersProfilesAreUnknown() throws Exception {
        Path file = plant("");
        List<ValidationError> errors = new ConfigValidator(List.of()).errors(file);
        assertTrue(errors.stream().anyMatch(e -> e.message().contains("unknown profile 'acme/em100'")), errors.toString());
    }

    @Test
    void validateChecksTheFoldersAndThePlantsAgainstThem() throws Exception {
        Path folder = em100(dir.resolve("site-profiles"));
        opcUaPlc(folder);
        Path file = plant("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ConfigValidator.run(List.of(folder), List.of(file), new PrintStream(out, true)), out.toString());
        assertTrue(out.toString().contains(folder + ": OK"), out.toString());
        assertTrue(out.toString().contains(file + ": OK"), out.toString());

        Path frames = folder.resolve("acme/em100.frames.yaml");
        Files.writeString(frames, Files.readString(frames).replace("voltage_l1_n: 231.7", "voltage_l1_n: 230.0"));
        out.reset();
        assertEquals(1, ConfigValidator.run(List.of(folder), List.of(), new PrintStream(out, true)));
        assertTrue(out.toString().contains(frames + ":") && out.toString().contains("cases[0].expect.voltage_l1_n"),
                out.toString());
    }

    @Test
    void profileCheckRunsTheFrameSuiteOnAFolder() throws Exception {
        Path folder = em100(dir.resolve("site-profiles"));
        opcUaPlc(folder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ProfileFolderCheck.run(List.of(folder), new PrintStream(out, true)), out.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("acme/em100 (Modbus profile, " + folder.resolve("acme/em100.yaml") + "): "),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  case '.*' \\(constructed\\): \\d+ value\\(s\\) as recorded")),
                lines.toString());
        assertTrue(lines.contains("acme/plc (OPC UA profile, " + folder.resolve("acme/plc.yaml") + "): loads"), lines.toString());
        assertEquals(folder + ": OK", lines.get(lines.size() - 1));

        Files.writeString(folder.resolve("acme/em100.yaml"), Files.readString(folder.resolve("acme/em100.yaml"))
                .replace("vendor: ACME", "shadows: eastron/sdm120\nvendor: ACME"));
        out.reset();
        assertEquals(1, ProfileFolderCheck.run(List.of(folder), new PrintStream(out, true)));
        assertTrue(out.toString().contains("shadows: a profile replaces the shipped profile of its own id: expected"
                + " 'acme/em100'"), out.toString());
    }

    @Test
    void aShadowingProfileIsNotedAtStart() throws Exception {
        Path folder = dir.resolve("site-profiles");
        Path vendor = Files.createDirectories(folder.resolve("chint"));
        Files.writeString(vendor.resolve("dtsu666.yaml"), resource("profiles/chint/dtsu666.yaml")
                .replace("vendor: CHINT", "shadows: chint/dtsu666\nvendor: CHINT"));
        Files.writeString(vendor.resolve("dtsu666.frames.yaml"), resource("profiles/chint/dtsu666.frames.yaml"));
        ProfileLibrary library = ProfileLibrary.load(List.of(folder));
        assertTrue(library.notes().contains("Modbus profile chint/dtsu666 from " + folder.resolve("chint/dtsu666.yaml")
                + " shadows the shipped profile of that id"), library.notes().toString());
    }
}
