package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.historian.HistorianOptions;
import io.wattline.historian.duckdb.DuckDbStore;
import io.wattline.profiles.yaml.ValidationError;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

/**
 * An invalid plant configuration stops startup with every error listed, and nothing keeps
 * running: no half-started server, no store left open.
 */
class InvalidConfigurationStartupTest {

    @TempDir
    Path dir;

    private Path config;
    private Path data;

    /** The demo plant with three mistakes: a misspelt field, a wrong type and an unknown profile. */
    @BeforeEach
    void writeBrokenConfig() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PlantWiring.DEMO_PLANT_RESOURCE)) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String broken = demo
                .replaceFirst("carrier: electricity", "carrier_type: electricity")
                .replaceFirst("unitId: 2", "unitId: two")
                .replaceFirst("profile: eastron/sdm630", "profile: acme/no-such-meter");
        assertFalse(broken.equals(demo));
        config = dir.resolve("broken-plant.yaml");
        Files.writeString(config, broken, StandardCharsets.UTF_8);
        data = dir.resolve("data");
    }

    @Test
    void runPrintsEveryErrorWithFileAndLineAndDoesNotStart() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = WattlineMain.startServer(
                LaunchArguments.parse("run", "--config", config.toString(), "--port", "0", "--data", data.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
        assertEquals(WattlineMain.EXIT_STARTUP_FAILED, code, printed);
        Matcher located = Pattern.compile("broken-plant\\.yaml:\\d+:\\d+: ").matcher(printed);
        int count = 0;
        while (located.find()) {
            count++;
        }
        assertTrue(count >= 3, "three errors, each with file:line:column:\n" + printed);
        assertTrue(printed.contains("carrier_type"), printed);
        assertTrue(printed.contains("acme/no-such-meter"), printed);
        assertTrue(printed.contains("unitId"), printed);
        assertFalse(Files.exists(data.resolve(DuckDbStore.FILE_NAME)), "nothing was started, not even the store");
    }

    @Test
    void theApplicationItselfRefusesAnInvalidConfigurationAndReleasesWhatItOpened() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> SpringApplication.run(
                WattlineApplication.class, "--server.port=0", "--spring.main.banner-mode=off",
                "--wattline.config=" + config, "--wattline.data-dir=" + data));
        InvalidPlantConfigurationException invalid = find(e);
        List<ValidationError> errors = invalid.errors();
        assertTrue(errors.size() >= 3, "all errors, not the first: " + errors);
        assertTrue(invalid.getMessage().contains("broken-plant.yaml"), invalid.getMessage());
        // Whatever was opened before the plant failed to load is closed again: the store reopens.
        if (Files.exists(data.resolve(DuckDbStore.FILE_NAME))) {
            DuckDbStore.open(data, HistorianOptions.defaults()).close();
        }
    }

    private static InvalidPlantConfigurationException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidPlantConfigurationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidPlantConfigurationException in the cause chain", e);
    }
}
