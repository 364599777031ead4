package io.wattline.web.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import io.wattline.web.TestLogin;
import io.wattline.web.security.Role;
import io.wattline.web.security.UsersFile;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node-opcua client reads, browses and subscribes to the north-bound server while samples
 * arrive on the bus; its write is refused. Once unsecured and anonymous, once with
 * Basic256Sha256 SignAndEncrypt and a configured user.
 */
@Tag("integration")
class NorthboundServerNodeOpcUaIntegrationTest {

    private static final Path SOURCE = Path.of("src/test/node/opcua");
    private static final Path WORK = Path.of("target/node-opcua").toAbsolutePath();
    private static final PointId POWER = new PointId("m1", "active_power");
    private static final PointId ENERGY = new PointId("m2", "active_energy_import");
    private static final PointId ONLINE = new PointId("m1", "comm_online");
    /** UNECE "KWT" as OPC UA's UnitId: 'K' << 16 | 'W' << 8 | 'T'. */
    private static final int KWT = 0x4B5754;

    @TempDir
    Path temp;

    @BeforeAll
    static void installNodeOpcUa() throws Exception {
        require(onPath("node") && onPath("npm"), "node and npm are needed (apt-get install -y nodejs npm)");
        Files.createDirectories(WORK);
        try (var files = Files.list(SOURCE)) {
            for (Path f : files.toList()) {
                Files.copy(f, WORK.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(WORK.resolve("node_modules/node-opcua"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        boolean done = npm.waitFor(480, TimeUnit.SECONDS);
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            npm.destroyForcibly();
        }
        require(done && npm.exitValue() == 0, "npm could not install node-opcua into " + WORK + ":\n" + output);
    }

    @Test
    void anonymousClientReadsAndSubscribesAndCannotWrite() throws Exception {
        runClient(Map.of(), true, false, null);
    }

    @Test
    void userOverBasic256Sha256SignAndEncrypt() throws Exception {
        runClient(Map.of("bms", "pa55"), false, true, "bms:pa55");
    }

    /**
     * As {@code run} serves it: the application's users sign in (a viewer reads and subscribes, its write is
     * refused), an anonymous client finds no endpoint it may use.
     */
    @Test
    void applicationViewerReadsAndAnonymousIsRefused() throws Exception {
        Path data = temp.resolve("data");
        String viewer = TestLogin.user(data, "viewer", Role.VIEWER);
        UsersFile users = new UsersFile(data);
        accounts = (name, password) -> users.find(name).map(u -> UsersFile.encoder().matches(password, u.passwordHash()))
                .orElse(false);
        runClient(Map.of(), false, true, viewer + ":" + TestLogin.PASSWORD);
    }

    private BiPredicate<String, String> accounts;

    private void runClient(Map<String, String> users, boolean anonymous, boolean secure, String user) throws Exception {
        SampleBus bus = new SampleBus();
        int port = freePort();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        bus.publish(Sample.good(POWER, first, 10.0));
        bus.publish(Sample.good(ENERGY, first, 5000.0));
        bus.publish(Sample.good(ONLINE, first, 1.0));
        NorthboundOptions options = new NorthboundOptions("127.0.0.1", "127.0.0.1", port, users, anonymous, true,
                temp.resolve("data"), accounts);
        try (NorthboundServer server = new NorthboundServer(ExposedPoints.of(catalogue()), bus, options).start()) {
            List<String> command = new ArrayList<>(List.of("node", "client.js", server.endpointUrl(),
                    "/Objects/2:Plant/2:site1/2:line1/2:m1/2:active_power", "3"));
            if (secure) {
                command.add("--secure");
            }
            if (user != null) {
                command.addAll(List.of("--user", user));
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(false);
            pb.environment().put("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
            pb.redirectError(temp.resolve("client.err").toFile());
            Process client = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("{\"error\":\"reader: " + e.getMessage() + "\"}");
                }
            });
            reader.start();
            // Live samples while the client is subscribed; the last one is stale (UNCERTAIN).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.startsWith("{\"change\"") || l.startsWith("{\"error\""))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (int i = 1; i <= 4; i++) {
                bus.publish(Sample.good(POWER, Instant.now().truncatedTo(ChronoUnit.MILLIS), 10.0 + i));
                Thread.sleep(400);
            }
            Sample last = bus.latest().get(POWER);
            bus.markStale(last);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client finished; output " + lines);
            reader.join(5000);
            String all = String.join("\n", lines);
            assertFalse(all.contains("\"error\""), all + "\n" + Files.readString(temp.resolve("client.err")));
            assertTrue(all.contains("\"read\":{") && all.contains("\"value\":10,") && all.contains("\"status\":\"Good\""),
                    "read the first value: " + all);
            assertTrue(all.contains("\"source\":\"" + first + "\"") || all.contains("\"source\":\""
                    + first.toString().replace("Z", ".000Z") + "\""), "source timestamp of the sample: " + all);
            assertTrue(all.contains("\"eu\":{\"namespaceUri\":\"" + UneceUnits.NAMESPACE + "\",\"unitId\":" + KWT
                    + ",\"displayName\":\"kW\"}"), "EngineeringUnits kW: " + all);
            assertTrue(all.contains("\"write\":\"Bad"), "writes are refused: " + all);
            for (int i = 1; i <= 4; i++) {
                assertTrue(all.contains("\"change\":{\"value\":" + (10 + i) + ","), "saw " + (10 + i) + ": " + all);
            }
            assertTrue(all.contains("\"status\":\"UncertainLastUsableValue\""), "stale shows as uncertain: " + all);
            assertTrue(all.contains("{\"done\":true}"), all);
            if (!anonymous) {
                String refused = runOnce(server.endpointUrl(), "/Objects/2:Plant/2:site1/2:line1/2:m1/2:active_power");
                assertTrue(refused.contains("\"error\"") && !refused.contains("\"read\":{"),
                        "an anonymous client over None is refused: " + refused);
            }
            if (user == null) {
                // A device's health point is a real point of the server too.
                String health = runOnce(server.endpointUrl(), "/Objects/2:Plant/2:site1/2:line1/2:m1/2:comm_online");
                assertTrue(health.contains("\"read\":{") && health.contains("\"value\":1,")
                        && health.contains("\"status\":\"Good\""), "read comm_online: " + health);
            }
        }
    }

    /** Runs the client once on {@code browsePath} (subscribed briefly) and returns what it printed. */
    private String runOnce(String url, String browsePath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "client.js", url, browsePath, "0.5").directory(WORK.toFile())
                .redirectError(temp.resolve("client-once.err").toFile());
        pb.environment().put("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
        Process client = pb.start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client finished; output " + out);
        return out + Files.readString(temp.resolve("client-once.err"));
    }

    private static Plant plant() {
        Meter m1 = new Meter("m1", "Line 1 main", "x/y", "c1", 1, EnergyCarrier.ELECTRICITY, "a1", "line1", null,
                null, null, Map.of());
        Meter m2 = new Meter("m2", "Site incomer", "x/y", "c1", 2, EnergyCarrier.ELECTRICITY, null, null, null,
                null, null, Map.of());
        return new Plant("test", ZoneId.of("UTC"), List.of(new Site("site1", "Site 1")),
                List.of(new Area("a1", "Area 1", "site1")), List.of(new ProductionLine("line1", "Line 1", "a1")),
                List.of(), List.of(), List.of(), List.of(m1, m2), null, null);
    }

    private static PointCatalogue catalogue() {
        return PointCatalogue.build(plant(), Map.of(
                "m1", List.of(new PointSpec("active_power", null, Quantity.ACTIVE_POWER, "kW", 0,
                        Duration.ofSeconds(1), "modbus")),
                "m2", List.of(new PointSpec("active_energy_import", null, Quantity.ACTIVE_ENERGY_IMPORT, "kWh",
                        4294967296.0, Duration.ofSeconds(1), "modbus"))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }
}
