package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    private static final Path SHIPPED = Path.of("src/main/resources/profiles");

    @Test
    void indexListsExactlyTheShippedProfiles() throws IOException {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            onDisk = walk.filter(Files::isRegularFile)
                    .map(p -> SHIPPED.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".yaml") && !p.endsWith(".frames.yaml"))
                    .map(p -> p.substring(0, p.length() - ".yaml".length()))
                    .sorted().toList();
        }
        assertEquals(onDisk, ProfileCatalog.builtInIndex().stream().sorted().toList());
        assertEquals(onDisk, ProfileCatalog.builtIn().ids());
    }

    @Test
    void everyShippedProfileHasItsFramesFile() {
        for (String id : ProfileCatalog.builtIn().ids()) {
            assertTrue(Files.isRegularFile(SHIPPED.resolve(id + ".frames.yaml")), id + " has no frames file");
            assertTrue(ProfileCatalog.builtIn().frames(id).isPresent(), id);
        }
    }

    @Test
    void everyShippedProfileIsDocumentedInTheCatalogueAndTheReadme() throws IOException {
        String catalogue = Files.readString(Path.of("../docs/profiles.md"));
        String readme = Files.readString(Path.of("README.md"));
        for (String id : ProfileCatalog.builtIn().ids()) {
            assertTrue(catalogue.contains("| `" + id + "` |"), id + " has no row in docs/profiles.md");
            assertTrue(readme.contains("| `" + id + "` |"), id + " is not listed in device-profiles/README.md");
        }
    }

    @Test
    void utilityProfilesCarryTheQuantitiesTheDemoPlantNeeds() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        // steam is accounted in mass, gas and compressed air in volume: each needs a rate and a counter
        assertQuantities(catalog.require("sierra/innovamass-240"), Quantity.MASS_FLOW, Quantity.MASS);
        assertQuantities(catalog.require("bell/vfm60"), Quantity.VOLUME_FLOW, Quantity.VOLUME);
        assertQuantities(catalog.require("suto/s430"), Quantity.VOLUME_FLOW, Quantity.VOLUME);
    }

    private static void assertQuantities(DeviceProfile profile, Quantity... quantities) {
        for (Quantity q : quantities) {
            assertTrue(profile.points().stream().anyMatch(p -> p.quantity() == q), profile.id() + " has no " + q);
        }
    }

    @Test
    void builtInProfilesMapAddressesTypesAndPollGroups() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DeviceProfile dtsu = catalog.require("chint/dtsu666");
        PointDefinition power = dtsu.point("active_power").orElseThrow();
        assertEquals(0x2012, power.address());
        assertEquals(RegisterFunction.HOLDING, power.function());
        assertEquals(DataType.FLOAT32, power.type());
        assertEquals(Quantity.ACTIVE_POWER, power.quantity());
        assertEquals(Duration.ofSeconds(1), dtsu.pollPeriod("fast").orElseThrow());

        DeviceProfile sdm = catalog.require("eastron/sdm630");
        assertEquals(RegisterFunction.INPUT, sdm.point("active_energy_import").orElseThrow().function());
        assertEquals(80, sdm.quirks().maxRegistersPerRequest());
        assertTrue(sdm.quirks().evenRegisterCount());

        DeviceProfile flow = catalog.require("xylem/magflux");
        assertEquals(WordOrder.CDAB, flow.point("flow_rate").orElseThrow().wordOrder());
        // the profile-wide word swap is dropped for one-register values, where it means nothing
        assertEquals(WordOrder.ABCD, flow.point("alarm_word").orElseThrow().wordOrder());

        for (DeviceProfile p : catalog.all()) {
            assertTrue(p.points().stream().anyMatch(pt -> pt.quantity().kind() == io.wattline.core.QuantityKind.GAUGE),
                    p.id() + " has a gauge");
        }
    }

    @Test
    void requireNamesTheKnownProfiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProfileCatalog.builtIn().require("acme/nothing"));
        assertTrue(e.getMessage().contains("acme/nothing"), e.getMessage());
        assertTrue(e.getMessage().contains("chint/dtsu666"), e.getMessage());
        assertFalse(ProfileCatalog.builtIn().find("acme/nothing").isPresent());
    }

    @Test
    void loadsADirectoryAndReportsEveryBrokenFileWithLineAndField(@TempDir Path dir) throws IOException {
        Path vendor = Files.createDirectories(dir.resolve("acme"));
        String good = Files.readString(SHIPPED.resolve("simex/trs-02a.yaml"));
        Files.writeString(vendor.resolve("good.yaml"), good);
        assertEquals(List.of("acme/good"), ProfileCatalog.load(dir).ids());

        Files.writeString(vendor.resolve("bad.yaml"), good.replace("unit: degC, pollGroup: fast", "unit: K, pollGroup: fast"));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileCatalog.load(dir));
        ValidationError p = e.problems().get(0);
        assertTrue(p.file().endsWith("bad.yaml"), p.toString());
        assertEquals("points[0].unit", p.field());
        assertTrue(p.line() > 0, p.toString());
        assertTrue(p.message().contains("degC"), p.message());
    }

    @Test
    void checkReportsBrokenFramesAndMissingFramesOfADirectory(@TempDir Path dir) throws IOException {
        Path vendor = Files.createDirectories(dir.resolve("simex"));
        Files.copy(SHIPPED.resolve("simex/trs-02a.yaml"), vendor.resolve("trs-02a.yaml"));
        Files.copy(SHIPPED.resolve("simex/trs-02a.frames.yaml"), vendor.resolve("trs-02a.frames.yaml"));
        assertEquals(List.of(), ProfileCatalog.check(dir));

        Path frames = vendor.resolve("trs-02a.frames.yaml");
        Files.writeString(frames, Files.readString(frames).replace("temperature: 19.3", "temperature: 19.8"));
        List<ValidationError> problems = ProfileCatalog.check(dir);
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("cases[0].expect.temperature")), problems.toString());

        Files.delete(frames);
        assertTrue(ProfileCatalog.check(dir).get(0).message().contains("needs recorded frames"));
    }
}
