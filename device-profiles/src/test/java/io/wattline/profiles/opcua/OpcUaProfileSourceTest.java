package io.wattline.profiles.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.profiles.ProfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPC UA profiles from folders outside the jar, next to Modbus profiles, before the shipped ones. */
class OpcUaProfileSourceTest {

    @TempDir
    Path folder;

    private static final String SITE_PLC = """
            schemaVersion: 1
            protocol: opc-ua
            vendor: acme
            model: plc-7
            points:
              - { name: drive_power, quantity: active_power, nodeId: "nsu=urn:acme;s=Drive.Power" }
            """;

    private void write(String relative, String text) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsTheFolderSOpcUaProfilesAndLeavesModbusOnesAlone() throws Exception {
        write("acme/plc-7.yaml", SITE_PLC);
        write("acme/meter-1.yaml", "schemaVersion: 1\nvendor: acme\nmodel: meter-1\nregisters: []\n");
        write("acme/meter-1.frames.yaml", "frames: []\n");
        OpcUaProfileSource source = OpcUaProfileSource.of(List.of(folder));
        OpcUaProfile plc = source.find("acme/plc-7").orElseThrow();
        assertEquals(Quantity.ACTIVE_POWER, plc.point("drive_power").orElseThrow().quantity());
        assertTrue(source.find("acme/meter-1").isEmpty(), "a Modbus profile is not an OPC UA one");
        assertTrue(source.find("wattline/line-plc").isPresent(), "the shipped profiles are still there");
        assertTrue(source.ids().containsAll(List.of("acme/plc-7", "wattline/line-plc")), source.ids().toString());
        assertEquals(source.ids().size(), source.all().size());
    }

    @Test
    void aFolderProfileReplacesTheShippedOneWithItsId() throws Exception {
        write("wattline/line-plc.yaml", SITE_PLC.replace("vendor: acme", "vendor: wattline")
                .replace("model: plc-7", "model: line-plc"));
        OpcUaProfile replaced = OpcUaProfileSource.of(List.of(folder)).find("wattline/line-plc").orElseThrow();
        assertEquals(List.of("drive_power"), replaced.points().stream().map(OpcUaPoint::name).toList());
        assertEquals(4, OpcUaProfileSource.builtIn().find("wattline/line-plc").orElseThrow().points().size());
    }

    @Test
    void everyBrokenFileAndAMissingFolderAreReportedWithFileAndLine() throws Exception {
        write("acme/plc-7.yaml", SITE_PLC.replace("nodeId:", "nodeID:"));
        write("acme/plc-8.yaml", SITE_PLC.replace("quantity: active_power", "quantity: watts"));
        ProfileException e = assertThrows(ProfileException.class,
                () -> OpcUaProfileSource.of(List.of(folder, folder.resolve("missing"))));
        String all = e.getMessage();
        assertEquals(4, e.problems().size(), all); // the misspelt nodeID also leaves the point without a node
        assertTrue(all.contains("plc-7.yaml:6:") && all.contains("nodeID"), all);
        assertTrue(all.contains("plc-8.yaml:6:") && all.contains("unknown quantity 'watts'"), all);
        assertTrue(all.contains("missing") && all.contains("expected a folder"), all);
    }
}
