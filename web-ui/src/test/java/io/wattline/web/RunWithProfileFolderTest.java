package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.collector.support.Peers;
import io.wattline.collector.support.ProfileRegisters;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.config.ConfigValidator;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileLoader;
import io.wattline.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code wattline run --config plant.yaml --profiles DIR} with a meter model of the site's own (a
 * profile and its recorded frames in a temporary folder, nothing rebuilt): started as the launcher
 * starts it (validation first, then the application in this JVM), it polls a pymodbus meter with
 * that profile and serves its values over HTTP.
 */
@Tag("integration")
@Timeout(120)
class RunWithProfileFolderTest {

    @TempDir
    Path dir;

    /** A meter model the jar does not ship: the SDM120 register map sold under another name. */
    private Path siteProfiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("site-profiles/acme"));
        Files.writeString(folder.resolve("em100.yaml"), resource("profiles/eastron/sdm120.yaml")
                .replace("vendor: Eastron", "vendor: ACME").replace("model: SDM120", "model: EM100"));
        Files.writeString(folder.resolve("em100.frames.yaml"), resource("profiles/eastron/sdm120.frames.yaml")
                .replace("profile: eastron/sdm120", "profile: acme/em100"));
        return folder.getParent();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = RunWithProfileFolderTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path plant(int port) throws Exception {
        return Files.writeString(dir.resolve("plant.yaml"), """
                schemaVersion: 1
                plant: { name: "Site with its own meter model", timeZone: Asia/Shanghai }
                sites: [ { id: site } ]
                areas: [ { id: hall, site: site } ]
                connections:
                  - { id: gw, type: modbus-tcp, host: 127.0.0.1, port: %d, timeout: 1s }
                meters:
                  - { id: press, profile: acme/em100, connection: gw, unitId: 1, carrier: electricity, area: hall,
                      poll: { fast: 1s, slow: 1s } }
                """.formatted(port));
    }

    @Test
    void runWithAProfileFolderPollsAMeterOfThatModelWithoutARebuild() throws Exception {
        Peers.requirePymodbus();
        Path profiles = siteProfiles();
        DeviceProfile em100 = ProfileLoader.parse("acme/em100", "em100.yaml",
                Files.readString(profiles.resolve("acme/em100.yaml")));
        Map<String, Double> values = em100.points().stream().collect(Collectors.toMap(p -> p.name(),
                p -> p.name().equals("voltage_l1_n") ? 231.5 : 12.0));
        try (PymodbusServer meter = PymodbusServer.start(ProfileRegisters.spec(Map.of(1,
                ProfileRegisters.unit(em100, values, List.of()))))) {
            Path plant = plant(meter.port());
            LaunchArguments run = LaunchArguments.parse("run", "--config", plant.toString(), "--profiles",
                    profiles.toString(), "--port", "0", "--data", dir.resolve("data").toString());
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            assertEquals(0, ConfigValidator.runPlant(run.profileFolders(), run.config(), new PrintStream(errors, true)),
                    errors.toString());
            try (ConfigurableApplicationContext app = WattlineMain.start(run)) {
                WebClient web = TestLogin.client(app);
                AtomicReference<List<Map<String, Object>>> latest = new AtomicReference<>(List.of());
                Await.until(() -> {
                    latest.set(web.get().uri("/api/points/latest").retrieve()
                            .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                            .block(Duration.ofSeconds(5)));
                    return latest.get().stream().anyMatch(p -> "press.voltage_l1_n".equals(p.get("id"))
                            && "GOOD".equals(p.get("quality")));
                }, Duration.ofSeconds(60), () -> "press.voltage_l1_n GOOD: " + latest.get());
                Map<String, Object> voltage = latest.get().stream().filter(p -> "press.voltage_l1_n".equals(p.get("id")))
                        .findFirst().orElseThrow();
                assertEquals(231.5, ((Number) voltage.get("value")).doubleValue(), 1e-3);
                List<Map<String, Object>> devices = web.get().uri("/api/devices").retrieve()
                        .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                        .block(Duration.ofSeconds(5));
                assertEquals("acme/em100", devices.get(0).get("profile"), devices.toString());
            }
        }
    }
}
