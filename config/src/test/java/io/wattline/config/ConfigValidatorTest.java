package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void validFileExitsZero() throws URISyntaxException {
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(fixture("valid-small.yaml")), out);
        assertEquals(0, status, text());
        assertTrue(text().endsWith("valid-small.yaml: OK\n"), text());
    }

    @Test
    void invalidFilePrintsEveryErrorAsFileLineColumnAndExitsOne() throws URISyntaxException {
        Path file = fixture("three-errors.yaml");
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(file), out);
        assertEquals(1, status);
        List<String> lines = text().lines().toList();
        assertEquals(4, lines.size(), text());
        assertTrue(lines.get(0).startsWith(file + ":21:5: connections[0].port: expected integer"), text());
        assertTrue(lines.get(1).startsWith(file + ":25:5: meters[0].profile: unknown profile"), text());
        assertTrue(lines.get(2).startsWith(file + ":27:5: meters[0].unitID: unknown field"), text());
        assertEquals(file + ": 3 errors", lines.get(3));
    }

    @Test
    void unreadableAndNonUtf8FilesAreErrorsNotCrashes(@TempDir Path dir) throws IOException {
        Path gbk = dir.resolve("gbk.yaml");
        Files.write(gbk, "plant:\n  name: 演示\n".getBytes("GBK"));
        Path missing = dir.resolve("missing.yaml");
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(gbk, missing), out);
        assertEquals(1, status);
        assertTrue(text().contains(gbk + ":0:0: (root): not valid UTF-8 text"), text());
        assertTrue(text().contains(missing + ":0:0: (root): cannot read file"), text());
    }

    /** The acceptance case: a bad tariff, a bad OPC UA profile and a bad plant, each error in one form. */
    @Test
    void aBadTariffABadOpcUaProfileAndABadPlantAreReportedInTheSameForm() throws URISyntaxException {
        Path tariff = fixture("validate/bad-tariff.yaml");
        Path opcUa = fixture("validate/acme/bad-plc.yaml");
        Path plant = fixture("three-errors.yaml");
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(tariff, opcUa, plant), out);
        assertEquals(1, status);
        assertEquals(List.of(
                tariff + ":13:5: seasons[0].periods: no period covers 17:00–18:00 (periods must tile the 24 hours exactly)",
                tariff + ":18:26: seasons[1].months[4]: month 5 (May) is already in season 'summer'"
                        + " (every month belongs to exactly one season)",
                tariff + ":20:41: seasons[1].periods[0].band: band 'deep_valley' has no price (add it to prices.per_band)",
                tariff + ": 3 errors",
                opcUa + ":8:5: points[0]: point 'good_count' needs exactly one of nodeId and browsePath",
                opcUa + ":10:5: points[0].nodeID: unknown field 'nodeID' (expected one of: name, quantity, unit, nodeId,"
                        + " browsePath, samplingInterval, queueSize, deadband, scale, offset, checkServerUnit); did you mean 'nodeId'?",
                opcUa + ":13:5: points[1].unit: expected the canonical unit 'kW' of ACTIVE_POWER (use scale to convert),"
                        + " got 'W'",
                opcUa + ": 3 errors",
                plant + ":21:5: connections[0].port: expected integer, got string \"five-oh-two\"",
                plant + ":25:5: meters[0].profile: unknown profile 'test/powr' (known profiles: test/power,"
                        + " test/temperature); did you mean 'test/power'?",
                plant + ":27:5: meters[0].unitID: unknown field 'unitID' (expected one of: id, name, profile, connection,"
                        + " unitId, carrier, area, line, equipment, costCentre, parent, poll, maxPowerKw, maxFlowPerHour); did you mean 'unitId'?",
                plant + ": 3 errors"), text().lines().toList());
    }

    @Test
    void aPlantAndTheTariffFileItNamesAreCheckedTogether(@TempDir Path dir) throws IOException, URISyntaxException {
        Files.copy(fixture("validate/bad-tariff.yaml"), dir.resolve("ours.yaml"));
        String small = Files.readString(fixture("valid-small.yaml"));
        Path plant = Files.writeString(dir.resolve("plant.yaml"),
                small.substring(0, small.indexOf("\ntariff:\n") + 1) + "tariff: { file: ours.yaml }\n");
        assertEquals(1, ConfigValidator.run(TestProfiles.loader(), List.of(plant), out));
        List<String> lines = text().lines().toList();
        assertEquals(4, lines.size(), text());
        assertTrue(lines.get(0).startsWith(dir.resolve("ours.yaml") + ":13:5: seasons[0].periods: no period covers"), text());
        assertEquals(plant + ": 3 errors", lines.get(3));
    }

    @Test
    void aModbusProfileIsCheckedWithItsRecordedFrames(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("eastron"));
        Path profile = copyResource("profiles/eastron/sdm120.yaml", folder.resolve("sdm120.yaml"));
        Path frames = copyResource("profiles/eastron/sdm120.frames.yaml", folder.resolve("sdm120.frames.yaml"));
        assertEquals(0, ConfigValidator.run(TestProfiles.loader(), List.of(profile), out), text());
        assertEquals(profile + ": OK\n", text());
        Files.delete(frames);
        printed.reset();
        assertEquals(1, ConfigValidator.run(TestProfiles.loader(), List.of(profile), out));
        assertEquals(List.of(frames + ":0:0: (root): missing: every profile needs recorded frames"
                + " (see device-profiles/README.md)", profile + ": 1 error"), text().lines().toList());
    }

    @Test
    void aFileOfNoKnownKindIsAnErrorThatListsTheKinds() throws URISyntaxException {
        Path file = fixture("validate/unknown-kind.yaml");
        assertEquals(1, ConfigValidator.run(TestProfiles.loader(), List.of(file), out));
        assertTrue(text().startsWith(file + ":2:1: (root): cannot tell what kind of file this is: expected a plant"
                + " configuration (top-level plant:, sites:, connections: or meters:), a tariff (seasons:)"), text());
    }

    private static Path copyResource(String resource, Path target) throws IOException {
        try (var in = ConfigValidatorTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ConfigValidatorTest.class.getClassLoader().getResource("config/" + name).toURI());
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
