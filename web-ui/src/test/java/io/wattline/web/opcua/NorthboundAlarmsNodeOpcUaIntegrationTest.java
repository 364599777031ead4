package io.wattline.web.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.alarms.AlarmView;
import io.wattline.alarms.state.AlarmState;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.testkit.Await;
import io.wattline.web.alarms.AlarmTestPlant;
import io.wattline.web.alarms.RunningAlarms;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node-opcua client reads the alarms on the north-bound server: active and unacknowledged
 * counts per priority, and each alarm's state, number, priority and message.
 */
@Tag("integration")
class NorthboundAlarmsNodeOpcUaIntegrationTest {

    private static final Path WORK = Path.of("target/node-opcua").toAbsolutePath();

    @TempDir
    Path temp;

    @BeforeAll
    static void install() throws Exception {
        NorthboundServerNodeOpcUaIntegrationTest.installNodeOpcUa();
    }

    @Test
    void countsPerPriorityAndEachAlarmsState() throws Exception {
        SampleBus bus = new SampleBus();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NorthboundOptions options = new NorthboundOptions("127.0.0.1", "127.0.0.1", port, Map.of(), true, true,
                temp.resolve("data"));
        try (RunningAlarms alarms = AlarmTestPlant.start(temp.resolve("alarms"), bus);
                NorthboundServer server = new NorthboundServer(ExposedPoints.of(AlarmTestPlant.catalogue()), bus,
                        options).withAlarms(alarms.engine()).start()) {
            bus.publish(Sample.good(AlarmTestPlant.LINE1_POWER, Instant.now(), 150));
            alarms.engine().onHealth(new DeviceHealth("m2", "c1", 2, DeviceState.OFFLINE, null, null, null, "timeout",
                    Instant.now(), null, 3, null, 3, 3));
            Await.until(() -> alarms.engine().alarms().stream().filter(AlarmView::notable).count() == 2,
                    Duration.ofSeconds(10), () -> "two alarms: " + alarms.engine().alarms());
            AlarmView comm = alarms.engine().alarms().stream().filter(v -> v.key().equals("comm/m2")).findFirst()
                    .orElseThrow();
            assertTrue(alarms.engine().acknowledge(comm.alarmId(), "li", "").done());

            String out = read(server.endpointUrl(),
                    "/Objects/3:Alarms/3:ActiveCount/3:High",
                    "/Objects/3:Alarms/3:ActiveCount/3:Critical",
                    "/Objects/3:Alarms/3:ActiveCount/3:Low",
                    "/Objects/3:Alarms/3:UnacknowledgedCount/3:High",
                    "/Objects/3:Alarms/3:UnacknowledgedCount/3:Critical",
                    "/Objects/3:Alarms/3:power/3:m1/3:active_power/3:H/3:State",
                    "/Objects/3:Alarms/3:power/3:m1/3:active_power/3:H/3:Priority",
                    "/Objects/3:Alarms/3:comm/3:m2/3:State",
                    "/Objects/3:Alarms/3:comm/3:m2/3:AlarmId",
                    "/Objects/3:Alarms/3:comm/3:m2/3:Message",
                    "/Objects/3:Alarms/3:comm/3:m1/3:State");
            assertTrue(out.contains("{\"done\":true}"), out);
            assertValue(out, "ActiveCount/3:High", "1");
            assertValue(out, "ActiveCount/3:Critical", "1");
            assertValue(out, "ActiveCount/3:Low", "0");
            assertValue(out, "UnacknowledgedCount/3:High", "1");
            assertValue(out, "UnacknowledgedCount/3:Critical", "0");
            assertValue(out, "3:H/3:State", "\"" + AlarmState.UNACKNOWLEDGED + "\"");
            assertValue(out, "3:H/3:Priority", "\"High\"");
            assertValue(out, "3:m2/3:State", "\"ACKNOWLEDGED\"");
            assertValue(out, "3:m2/3:AlarmId", Long.toString(comm.alarmId()));
            assertValue(out, "3:m2/3:Message", "\"Incomer 进线通讯中断\"");
            assertValue(out, "3:m1/3:State", "\"NORMAL\"");
        } finally {
            bus.close();
        }
    }

    private static void assertValue(String out, String pathEnd, String json) {
        String line = out.lines().filter(l -> l.contains(pathEnd + "\"")).findFirst().orElse("");
        assertTrue(line.contains("\"value\":" + json + ",") && line.contains("\"status\":\"Good\""),
                pathEnd + " = " + json + " in:\n" + out);
    }

    private String read(String url, String... paths) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "read.js", url));
        command.addAll(List.of(paths));
        ProcessBuilder pb = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectError(temp.resolve("read.err").toFile());
        pb.environment().put("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
        Process client = pb.start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client finished; output " + out);
        assertEquals(0, client.exitValue(), out + Files.readString(temp.resolve("read.err")));
        return out;
    }
}
