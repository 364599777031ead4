package io.wattline.profiles.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped OPC UA profiles: the index matches the folder, every file loads, and the docs list them. */
class OpcUaProfileCatalogTest {

    private static final Path SHIPPED = Path.of("src/main/resources/opcua-profiles");

    @Test
    void indexListsExactlyTheShippedOpcUaProfiles() throws IOException {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            onDisk = walk.filter(Files::isRegularFile)
                    .map(p -> SHIPPED.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".yaml"))
                    .map(p -> p.substring(0, p.length() - ".yaml".length()))
                    .sorted().toList();
        }
        assertFalse(onDisk.isEmpty(), "no OPC UA profiles under " + SHIPPED);
        assertEquals(onDisk, OpcUaProfileLoader.builtInIds());
    }

    @Test
    void everyShippedOpcUaProfileLoadsWithItsIdVendorAndModel() {
        List<OpcUaProfile> all = OpcUaProfileLoader.builtIn().all();
        assertEquals(OpcUaProfileLoader.builtInIds(), all.stream().map(OpcUaProfile::id).toList());
        for (OpcUaProfile p : all) {
            assertEquals(p.id(), p.vendor() + "/" + p.model(), "vendor/model of " + p.id() + " must match its path");
            assertFalse(p.points().isEmpty(), p.id() + " has no points");
            assertTrue(p.description() != null && !p.description().isBlank(), p.id() + " has no description");
        }
    }

    @Test
    void theLinePlcProfileCarriesTheDemoLineCountersAndDrivePower() {
        OpcUaProfile plc = OpcUaProfileLoader.builtIn().find("wattline/line-plc").orElseThrow();
        assertEquals(List.of("good_count", "scrap_count", "line_state", "drive_power"),
                plc.points().stream().map(OpcUaPoint::name).toList());
        OpcUaPoint power = plc.point("drive_power").orElseThrow();
        assertEquals(Quantity.ACTIVE_POWER, power.quantity());
        assertEquals("nsu=urn:wattline:demo:line-plc;s=Line1.DrivePower", power.address());
        assertEquals(Duration.ofSeconds(1), power.samplingInterval());
        assertEquals(5, power.queueSize(), "the profile's default queue size");
    }

    @Test
    void onlyListedIdsAreLookedUp() {
        OpcUaProfileLoader loader = OpcUaProfileLoader.builtIn();
        assertTrue(loader.find("wattline/line-plx").isEmpty());
        assertTrue(loader.find("../opcua-profiles/wattline/line-plc").isEmpty(), "a path is not an id");
        assertTrue(loader.find("wattline/../wattline/line-plc").isEmpty(), "a path is not an id");
    }

    @Test
    void everyShippedOpcUaProfileIsDocumentedInTheCatalogueAndTheReadme() throws IOException {
        String catalogue = Files.readString(Path.of("../docs/profiles.md"));
        String readme = Files.readString(Path.of("README.md"));
        for (String id : OpcUaProfileLoader.builtInIds()) {
            assertTrue(catalogue.contains("| `" + id + "` |"), id + " has no row in docs/profiles.md");
            assertTrue(readme.contains("| `" + id + "` |"), id + " is not listed in device-profiles/README.md");
        }
    }
}
