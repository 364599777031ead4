package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's own profile folders: Modbus and OPC UA profiles side by side, each kind found; a folder's
 * Modbus profiles on top of the shipped ones with the same schema, linter and frame checks; a shipped
 * id replaced only when the profile says {@code shadows:}; every problem located.
 */
class ProfileFoldersTest {

    private static final Path SHIPPED = Path.of("src/main/resources/profiles");

    @TempDir
    Path dir;

    /** Copies a shipped profile and its frames to {@code folder/newId}, editing the profile text. */
    private static void copy(String shippedId, Path folder, String newId, UnaryOperator<String> edit) throws IOException {
        Path target = folder.resolve(newId + ".yaml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, edit.apply(Files.readString(SHIPPED.resolve(shippedId + ".yaml"))));
        Files.writeString(folder.resolve(newId + ".frames.yaml"), Files.readString(SHIPPED.resolve(shippedId
                + ".frames.yaml")).replace("profile: " + shippedId, "profile: " + newId));
    }

    private static final String PLC = """
            schemaVersion: 1
            protocol: opc-ua
            vendor: acme
            model: plc
            points:
              - { name: good_count, quantity: PRODUCTION_COUNT, nodeId: "ns=2;s=Good" }
            """;

    @Test
    void aFolderMayHoldBothKindsAndItsModbusProfilesJoinTheShippedOnes() throws IOException {
        copy("eastron/sdm120", dir, "acme/em100", t -> t.replace("vendor: Eastron", "vendor: ACME"));
        Files.writeString(dir.resolve("acme/plc.yaml"), PLC);
        Files.writeString(dir.resolve("README.md"), "notes are not profiles");

        ProfileFolders folders = ProfileFolders.scan(List.of(dir));
        assertEquals(List.of("acme/em100"), folders.files(ProfileKind.MODBUS).stream()
                .map(ProfileFolders.ProfileFile::id).toList());
        assertEquals(List.of("acme/plc"), folders.files(ProfileKind.OPC_UA).stream()
                .map(ProfileFolders.ProfileFile::id).toList());

        ProfileCatalog catalog = ProfileCatalog.withFolders(folders);
        assertEquals("ACME", catalog.require("acme/em100").vendor());
        assertTrue(catalog.ids().containsAll(ProfileCatalog.builtIn().ids()), "the shipped profiles stay");
        assertEquals(List.of("acme/em100"), catalog.fromFolders());
        assertEquals(dir, catalog.folderOf("acme/em100").orElseThrow());
        assertTrue(catalog.frames("acme/em100").orElseThrow().cases().size() >= 2, "its frames come from the folder");
        assertTrue(catalog.shadowing().isEmpty());
    }

    @Test
    void aShippedIdIsReplacedOnlyWhenTheProfileSaysSo() throws IOException {
        copy("chint/dtsu666", dir, "chint/dtsu666", t -> t);
        ProfileException silent = assertThrows(ProfileException.class,
                () -> ProfileCatalog.withFolders(ProfileFolders.scan(List.of(dir))));
        ValidationError e = silent.problems().get(0);
        assertTrue(e.file().endsWith("chint/dtsu666.yaml") && e.line() > 0, e.toString());
        assertTrue(e.message().contains("to replace it, say so with 'shadows: chint/dtsu666'"), e.message());

        copy("chint/dtsu666", dir, "chint/dtsu666", t -> t.replace("vendor: CHINT", "shadows: chint/dtsu666\nvendor: CHINT")
                .replace("model: DTSU666", "model: DTSU666 (site copy)"));
        ProfileCatalog catalog = ProfileCatalog.withFolders(ProfileFolders.scan(List.of(dir)));
        assertEquals("DTSU666 (site copy)", catalog.require("chint/dtsu666").model());
        assertEquals(List.of("chint/dtsu666"), catalog.shadowing());
    }

    @Test
    void aShadowsThatNamesAnotherIdOrNothingShippedIsAnError() throws IOException {
        copy("chint/dtsu666", dir, "acme/em200", t -> t.replace("vendor: CHINT", "shadows: chint/dtsu666\nvendor: CHINT"));
        copy("eastron/sdm120", dir, "acme/em300", t -> t.replace("vendor: Eastron", "shadows: acme/em300\nvendor: Eastron"));
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileCatalog.withFolders(ProfileFolders.scan(List.of(dir))));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("expected 'acme/em200'"), e.getMessage());
        assertEquals("shadows", e.problems().get(0).field());
        assertTrue(e.problems().get(1).message().contains("no shipped Modbus profile 'acme/em300' to replace"),
                e.getMessage());
    }

    @Test
    void framesAreCheckedAsForShippedProfiles() throws IOException {
        copy("simex/trs-02a", dir, "acme/t1", t -> t);
        Path frames = dir.resolve("acme/t1.frames.yaml");
        Files.writeString(frames, Files.readString(frames).replace("temperature: 19.3", "temperature: 19.8"));
        ProfileException wrong = assertThrows(ProfileException.class,
                () -> ProfileCatalog.withFolders(ProfileFolders.scan(List.of(dir))));
        assertTrue(wrong.problems().stream().anyMatch(p -> p.field().equals("cases[0].expect.temperature")),
                wrong.getMessage());

        Files.delete(frames);
        ProfileException missing = assertThrows(ProfileException.class,
                () -> ProfileCatalog.withFolders(ProfileFolders.scan(List.of(dir))));
        assertTrue(missing.problems().get(0).message().startsWith("missing: every profile needs recorded frames"),
                missing.getMessage());
    }

    @Test
    void layoutProblemsAreReportedTogether() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Path first = Files.createDirectories(dir.resolve("first"));
        copy("simex/trs-02a", first, "acme/t1", t -> t);
        copy("simex/trs-02a", other, "acme/t1", t -> t);
        Files.writeString(first.resolve("loose.yaml"), "vendor: x\n");
        Files.writeString(Files.createDirectories(first.resolve("acme")).resolve("odd.yaml"), "title: not a profile\n");
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileFolders.scan(List.of(first, other, dir.resolve("absent"))));
        List<String> messages = e.problems().stream().map(ValidationError::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("cannot tell what kind of profile this is")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("this file is at loose.yaml")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("is also in " + first.resolve("acme/t1.yaml"))),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.endsWith("it does not exist")), messages.toString());
    }
}
