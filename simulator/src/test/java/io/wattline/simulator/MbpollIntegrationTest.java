package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An independent Modbus master, mbpoll (Debian package {@code mbpoll}), reads the simulator over
 * TCP. The clock is fixed so the values mbpoll prints can be compared with the model's.
 */
@Tag("integration")
class MbpollIntegrationTest {

    private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)]:\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final ProfileCatalog PROFILES = ProfileCatalog.builtIn();
    private static PlantSimulator simulator;

    record Result(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void start() {
        String mbpoll = findMbpoll();
        if (mbpoll == null) {
            String message = "mbpoll is not installed: apt-get install -y mbpoll";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (required when CI=true)");
            }
            Assumptions.abort(message);
        }
        Clock fixed = Clock.fixed(LocalDate.of(2026, 3, 2).atTime(10, 30).atZone(ZoneId.of("Asia/Shanghai"))
                .toInstant(), ZoneOffset.UTC);
        simulator = DemoPlant.start(SimulatorOptions.ephemeral().withClock(fixed));
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String findMbpoll() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "mbpoll");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static int port(String connection) {
        Connection c = simulator.plant().connection(connection).orElseThrow();
        return c.port();
    }

    /** Runs mbpoll once; {@code reference} is the PDU address (mbpoll's -r is 1-based). */
    private static Result mbpoll(int port, int unit, int reference, int count, String type, boolean bigEndian)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-a", String.valueOf(unit),
                "-r", String.valueOf(reference + 1), "-c", String.valueOf(count), "-t", type, "-1", "-o", "2",
                "-p", String.valueOf(port)));
        if (bigEndian) {
            cmd.add("-B");
        }
        cmd.add("127.0.0.1");
        Process p = new ProcessBuilder(cmd).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mbpoll did not finish: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<Double> values(Result r) {
        assertEquals(0, r.exitCode(), "mbpoll failed: " + r.stdout() + r.stderr());
        List<Double> out = new ArrayList<>();
        Matcher m = VALUE_LINE.matcher(r.stdout());
        while (m.find()) {
            out.add(Double.parseDouble(m.group(2)));
        }
        return out;
    }

    @Test
    void readsBigEndianFloatsOfTheMainIncomer() throws Exception {
        PointDefinition power = PROFILES.require("chint/dtsu666").point("active_power").orElseThrow();
        // active power and L1 power: two consecutive FLOAT32 ABCD in 0.1 W
        List<Double> raw = values(mbpoll(port("gw-main"), 1, power.address(), 2, "4:float", true));
        assertEquals(2, raw.size(), "two values printed");
        double kw = raw.get(0) * power.scale();
        double expected = simulator.model().value("main-incomer", Quantity.ACTIVE_POWER);
        // mbpoll prints 6 significant digits
        assertEquals(expected, kw, expected * 1e-5);
        double l1 = raw.get(1) * power.scale();
        assertEquals(simulator.model().value("main-incomer", Quantity.ACTIVE_POWER_L1), l1, l1 * 1e-5);
    }

    @Test
    void readsFloatsOfTheFlowMetersInBothWordOrdersAndRawTemperature() throws Exception {
        PointDefinition flow = PROFILES.require("bell/vfm60").point("flow_rate").orElseThrow();
        // the gas meter sends ABCD: mbpoll's -B
        List<Double> raw = values(mbpoll(port("gw-utilities"), 12, flow.address(), 1, "4:float", true));
        double gas = raw.get(0) * flow.scale();
        double expected = simulator.model().gauge("boiler-gas");
        assertEquals(expected, gas, expected * 1e-5);
        assertTrue(gas > 50 && gas < 260, "gas " + gas + " m3/h");

        // the compressed-air meter sends CDAB, mbpoll's default float word order
        PointDefinition pressure = PROFILES.require("suto/s430").point("pressure").orElseThrow();
        List<Double> bar = values(mbpoll(port("gw-utilities"), 14, pressure.address(), 1, "4:float", false));
        double kpa = bar.get(0) * pressure.scale();
        double expectedKpa = simulator.model().value("compressed-air", Quantity.PRESSURE);
        assertEquals(expectedKpa, kpa, expectedKpa * 1e-5);

        PointDefinition temp = PROFILES.require("simex/trs-02a").point("temperature").orElseThrow();
        List<Double> t = values(mbpoll(port("gw-utilities"), 20, temp.address(), 1, "4", false));
        assertEquals(Math.rint(simulator.model().gauge("steam-temp") / temp.scale()), t.get(0), 0.0);
    }

    @Test
    void outsideTheReadableRangeMbpollSeesIllegalDataAddress() throws Exception {
        Result r = mbpoll(port("gw-main"), 1, 0, 2, "4", false);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Illegal data address"), "stderr: " + r.stderr());
    }
}
