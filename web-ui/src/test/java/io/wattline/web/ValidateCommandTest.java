package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wattline validate FILE...} through the jar's real entry point, {@link WattlineMain#main}, in a
 * JVM of its own so that its exit status is the real one: a bad tariff file, a bad OPC UA profile and a
 * bad plant file each print their errors as {@code file:line:column: field: message}.
 */
class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBadTariffABadOpcUaProfileAndABadPlantExitOneWithLocatedErrors() throws Exception {
        Path tariff = Files.writeString(dir.resolve("ours.yaml"), """
                id: ours
                name: Our contract
                region: Testland
                currency: CNY
                effective_from: 2026-01-01
                sources: [{ title: "supply contract", verified: "periods and prices" }]
                prices: { per_band: { peak: 1.0, valley: 0.3 } }
                seasons:
                  - name: all-year
                    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
                    periods:
                      - { start: "22:00", end: "08:00", band: valley }
                      - { start: "08:00", end: "20:00", band: peak }
                """);
        Path profile = Files.writeString(Files.createDirectories(dir.resolve("acme")).resolve("plc.yaml"), """
                schemaVersion: 1
                protocol: opc-ua
                vendor: acme
                model: plc
                points:
                  - { name: good_count, quantity: production_count, nodeId: "ns=2;s=Good", sampling: 1s }
                """);
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PlantWiring.DEMO_PLANT_RESOURCE)) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path plant = Files.writeString(dir.resolve("plant.yaml"), demo.replaceFirst("unitId: 2\n", "unitId: two\n"));
        long plantLine = demo.substring(0, demo.indexOf("unitId: 2\n")).chars().filter(c -> c == '\n').count() + 1;
        Path fine = Files.writeString(dir.resolve("fine.yaml"), Files.readString(tariff).replace("\"20:00\"", "\"22:00\""));

        Result result = validate(tariff, profile, plant, fine);

        assertEquals(1, result.exitStatus(), result.output());
        assertEquals(List.of(
                tariff + ":11:5: seasons[0].periods: no period covers 20:00–22:00 (periods must tile the 24 hours exactly)",
                tariff + ": 1 error",
                profile + ":6:76: points[0].sampling: unknown field 'sampling' (expected one of: name, quantity, unit,"
                        + " nodeId, browsePath, samplingInterval, queueSize, deadband, scale, offset, checkServerUnit)",
                profile + ": 1 error",
                plant + ":" + plantLine + ":5: meters[1].unitId: expected integer, got string \"two\"",
                plant + ": 1 error",
                fine + ": OK"), result.output().lines().toList());
    }

    @Test
    void allValidExitsZero() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("tariffs/guangdong-2021.yaml")) {
            Files.copy(in, dir.resolve("guangdong-2021.yaml"));
        }
        Result result = validate(dir.resolve("guangdong-2021.yaml"));
        assertEquals(0, result.exitStatus(), result.output());
        assertTrue(result.output().endsWith("guangdong-2021.yaml: OK\n"), result.output());
    }

    private record Result(int exitStatus, String output) {
    }

    /** Runs {@code WattlineMain validate FILE...} in a child JVM on this test's classpath. */
    private static Result validate(Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                WattlineMain.class.getName(), "validate"));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "validate did not finish:\n" + output);
        return new Result(process.exitValue(), output);
    }
}
