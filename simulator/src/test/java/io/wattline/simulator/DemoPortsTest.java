package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo simulator's ports: the README's table lists every gateway with its port and unit ids, and
 * {@code --base-port} moves the Modbus gateways together while the OPC UA PLC keeps its own port
 * (or takes {@code --opcua-port}).
 */
class DemoPortsTest {

    @Test
    void theReadmeListsEveryDemoConnectionWithItsPortAndMeters() throws IOException {
        Plant demo = DemoPlant.load(ProfileCatalog.builtIn());
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        for (Connection c : demo.connections()) {
            String row = readme.stream().filter(l -> l.startsWith("| `" + c.id() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("README.md has no row for demo connection " + c.id()));
            assertTrue(row.contains("| " + c.port() + " |"), row + " should give port " + c.port());
            assertTrue(row.contains(c.type().configName()), row + " should give " + c.type().configName());
            for (Meter m : demo.meters()) {
                if (m.connectionId().equals(c.id())) {
                    String expected = c.type() == ConnectionType.OPC_UA ? "`" + m.id() + "`"
                            : m.unitId() + " `" + m.id() + "`";
                    assertTrue(row.contains(expected), row + " should list " + expected);
                }
            }
        }
    }

    @Test
    @Tag("integration")
    @Timeout(60)
    void theBasePortMovesTheModbusGatewaysOnlyAndThePlcHasItsOwnPort() throws Exception {
        int base = twoFreePorts();
        int plcPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            plcPort = s.getLocalPort();
        }
        SimulatorOptions options = SimulatorOptions.configuredPorts().withModbusBasePort(base).withOpcUaPort(plcPort);
        try (PlantSimulator sim = DemoPlant.start(options)) {
            assertEquals(base, sim.plant().connection("gw-main").orElseThrow().port(), "configured 1502");
            assertEquals(base + 1, sim.plant().connection("gw-utilities").orElseThrow().port(), "configured 1503");
            assertEquals(plcPort, sim.plant().connection("plc-line1").orElseThrow().port(), "configured 4841");
            for (int port : new int[] {base, base + 1, plcPort}) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }
        }
    }

    /** A port p such that p and p + 1 were both free a moment ago. */
    private static int twoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = first.getLocalPort();
                if (p >= 65535) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IllegalStateException("no two consecutive free loopback ports found");
    }
}
