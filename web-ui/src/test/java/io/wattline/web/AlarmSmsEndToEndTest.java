package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.PlantConfigLoader;
import io.wattline.core.plant.Plant;
import io.wattline.notify.smpp.SmscPeer;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import io.wattline.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Issue 11's end-to-end test, with every part real: Wattline runs on a plant file whose meter is
 * served by the simulator; the meter goes silent (the simulator stops) → the collector reports it
 * OFFLINE → the communication-loss alarm → notification sends a UCS-2 Chinese SMS that the npm
 * {@code smpp} SMSC decodes → the SMSC sends {@code deliver_sm} "确认 <id>" from the rostered
 * number → the alarm is acknowledged, and the journal says so, by that phone.
 */
@Tag("integration")
@Timeout(180)
class AlarmSmsEndToEndTest {

    private static final Path SMSC_WORK = Path.of("target/node-smpp").toAbsolutePath();
    private static final String PHONE = "8613800000001";
    private static final String PASSWORD_PROPERTY = "WATTLINE_E2E_SMPP_PASSWORD";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };

    @TempDir
    Path dir;

    private SmscPeer smsc;
    private PlantSimulator simulator;

    @AfterEach
    void stop() throws InterruptedException {
        System.clearProperty(PASSWORD_PROPERTY);
        if (simulator != null) {
            simulator.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void aSilentMeterRaisesAnAlarmWhoseSmsReplyAcknowledgesIt() throws Exception {
        smsc = SmscPeer.start(SMSC_WORK, SmscPeer.freePort(), "s3cret");
        Path plantFile = plantFile();
        // the secret named by passwordEnv, as an environment variable would give it
        System.setProperty(PASSWORD_PROPERTY, "s3cret");
        LaunchArguments run = LaunchArguments.parse("run", "--config", plantFile.toString(), "--port", "0",
                "--data", dir.resolve("data").toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(run)) {
            WebClient web = TestLogin.client(app);
            smsc.await("bind", e -> true, WAIT);
            Await.until(() -> "ONLINE".equals(device(web).get("state")), WAIT, () -> "meter online: " + device(web));

            simulator.close(); // the meter goes silent
            simulator = null;
            Await.until(() -> alarms(web).stream().anyMatch(a -> "UNACKNOWLEDGED".equals(a.get("state"))), WAIT,
                    () -> "an active communication-loss alarm; device " + device(web) + "; alarms " + alarms(web));
            Map<String, Object> alarm = alarms(web).get(0);
            long id = ((Number) alarm.get("alarmId")).longValue();
            assertEquals("comm/press-meter", alarm.get("key"));
            assertEquals("UNACKNOWLEDGED", alarm.get("state"));

            SmscPeer.Event sms = smsc.await("message", e -> e.get("to").equals(PHONE), WAIT);
            assertEquals("8", sms.get("dataCoding"), "UCS-2");
            assertTrue(sms.get("text").startsWith("【报警" + id + " 高】冲压线电表通讯中断"), sms.get("text"));
            assertTrue(sms.get("text").contains("确认" + id), "says how to acknowledge: " + sms.get("text"));

            smsc.deliver(PHONE, "确认 " + id);
            SmscPeer.Event answer = smsc.await("message", e -> e.get("text").contains("已确认"), WAIT);
            assertEquals("报警" + id + "已确认", answer.get("text"));
            assertEquals("ACKNOWLEDGED", alarms(web).get(0).get("state"));

            List<Map<String, Object>> journal = web.get().uri("/api/alarms/journal?point=press-meter").retrieve()
                    .bodyToMono(LIST).block(Duration.ofSeconds(10));
            assertEquals(List.of("RAISED", "ACKNOWLEDGED"), journal.stream().map(e -> e.get("action")).toList(),
                    () -> "journal: " + journal);
            assertEquals("+" + PHONE, journal.get(1).get("actor"), "acknowledged by that phone");
            assertEquals("SMS reply", journal.get(1).get("comment"));
            assertEquals(id, ((Number) journal.get(1).get("alarmId")).longValue());

            List<Map<String, Object>> outbox = web.get().uri("/api/alarms/notifications").retrieve().bodyToMono(LIST)
                    .block(Duration.ofSeconds(10));
            assertTrue(outbox.stream().anyMatch(m -> "+86138****0001".equals(m.get("to"))
                    && List.of("SUBMITTED", "DELIVERED").contains(m.get("status"))
                    && ((List<?>) m.get("alarmIds")).contains((int) id)), "delivery status of the alarm SMS: " + outbox);
        }
    }

    /** Starts the simulator for the test plant and writes the plant file pointing at it and at the SMSC. */
    private Path plantFile() throws IOException {
        String template;
        try (InputStream in = getClass().getResourceAsStream("/alarms/sms-plant.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        PlantConfigLoader loader = new PlantConfigLoader(catalog::find);
        Plant plant;
        try {
            plant = loader.parse("sms-plant.yaml", template.replace("GATEWAY_PORT", "1502")
                    .replace("SMSC_PORT", Integer.toString(smsc.port())));
        } catch (io.wattline.config.ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        simulator = PlantSimulator.start(plant, catalog, SimulatorOptions.ephemeral());
        int gateway = simulator.plant().connection("gw").orElseThrow().port();
        Path file = dir.resolve("plant.yaml");
        Files.writeString(file, template.replace("GATEWAY_PORT", Integer.toString(gateway))
                .replace("SMSC_PORT", Integer.toString(smsc.port())));
        return file;
    }

    private static List<Map<String, Object>> alarms(WebClient web) {
        return web.get().uri("/api/alarms").retrieve().bodyToMono(LIST).block(Duration.ofSeconds(10));
    }

    private static Map<String, Object> device(WebClient web) {
        return web.get().uri("/api/devices").retrieve().bodyToMono(LIST).block(Duration.ofSeconds(10)).stream()
                .filter(d -> "press-meter".equals(d.get("id"))).findFirst().orElse(Map.of());
    }
}
