package io.wattline.web.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.opcua.BrowseTool;
import io.wattline.collector.opcua.BrowsedVariable;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.web.WattlineApplication;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo application with {@code wattline.opcua.server.enabled=true}: the collector's browse
 * tool (a Milo client, Basic256Sha256 SignAndEncrypt with a configured user) finds the demo's
 * meters under Objects/Plant and reads live values.
 */
@Tag("integration")
@Timeout(180)
class NorthboundDemoIntegrationTest {

    @TempDir
    Path data;

    @Test
    void theDemoPublishesItsPointsOverOpcUa() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ConfigurableApplicationContext app = SpringApplication.run(WattlineApplication.class,
                "--server.port=0", "--wattline.data-dir=" + data.resolve("app"), "--wattline.demo=true",
                "--wattline.opcua.server.enabled=true", "--wattline.opcua.server.port=" + port,
                "--wattline.opcua.server.bind-address=127.0.0.1", "--wattline.opcua.server.hostname=127.0.0.1",
                "--wattline.opcua.server.users.bms=pa55", "--wattline.opcua.server.trust-all-clients=true")) {
            assertEquals("opc.tcp://127.0.0.1:" + port + "/wattline",
                    app.getBean(NorthboundStartup.class).server(Duration.ofSeconds(60)).endpointUrl(),
                    "the server starts once the web server serves");
            OpcUaEndpoint secure = new OpcUaEndpoint("/wattline", "Basic256Sha256", "SignAndEncrypt", "bms", "pa55",
                    null, true);
            List<BrowsedVariable> found = List.of();
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                found = BrowseTool.browse("opc.tcp://127.0.0.1:" + port + "/wattline", secure, data.resolve("client"),
                        8, null);
                if (found.stream().anyMatch(v -> v.browsePath().contains("/2:line1/") && v.browsePath()
                        .endsWith("/2:active_power") && v.dataType().equals("Double"))) {
                    break;
                }
                Thread.sleep(1000);
            }
            List<BrowsedVariable> power = found.stream().filter(v -> v.browsePath().startsWith("2:Plant/2:demo/2:line1/")
                    && v.browsePath().endsWith("/2:active_power")).toList();
            assertTrue(!power.isEmpty() && power.get(0).dataType().equals("Double"),
                    "a line-1 meter's active power under Objects/Plant/demo/line1, with a value: " + found);
            assertTrue(found.stream().anyMatch(v -> v.browsePath().startsWith("2:Plant/2:demo/2:utilities/")),
                    "meters without a line sit under their area: " + found);
            assertTrue(found.stream().anyMatch(v -> v.browsePath().endsWith("/0:EngineeringUnits")),
                    "points carry EngineeringUnits");
        }
    }
}
