package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.codec.RegisterCodec;
import io.wattline.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Independent RTU masters on a modbus-rtu connection of a simulated plant, served by the timed bus
 * emulator: mbpoll (Debian {@code mbpoll}) and pymodbus 3.0 (Debian {@code python3-pymodbus}, run
 * with /usr/bin/python3). The clock stands still so the values can be compared with the model.
 */
@Tag("integration")
class RtuPeersIntegrationTest {

    private static final DeviceProfile PROFILE = TestProfiles.meter();
    private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)]:\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final String PYMODBUS_CLIENT = """
            import sys
            from pymodbus.client import ModbusSerialClient
            device, baud, unit, address, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
            client = ModbusSerialClient(port=device, baudrate=baud, parity="N", stopbits=2, bytesize=8, timeout=1)
            if not client.connect():
                sys.exit("cannot open " + device)
            result = client.read_holding_registers(address, count, slave=unit)
            if result.isError():
                sys.exit("error: " + str(result))
            print(" ".join(str(r) for r in result.registers))
            client.close()
            """;

    private PlantSimulator simulator;

    record Result(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void start() {
        require(Rs485BusEmulator.socatAvailable(), "socat is not installed: apt-get install -y socat");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        Plant tcp = HandBuiltPlantIntegrationTest.plant(0);
        Connection c0 = tcp.connections().get(0);
        Plant rtu = tcp.withConnections(List.of(new Connection(c0.id(), ConnectionType.MODBUS_RTU, null, 0,
                "/dev/ttyUSB0", 9600, "N", 2, Duration.ofSeconds(1), 1)));
        simulator = PlantSimulator.start(rtu, id -> Optional.of(PROFILE),
                SimulatorOptions.ephemeral().withClock(clock).withLoadModels(LoadModels.defaults()));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static void require(boolean present, String message) {
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (required when CI=true)");
            }
            Assumptions.abort(message);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("did not finish: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Connection bus() {
        return simulator.plant().connection("bus").orElseThrow();
    }

    /** mbpoll once in RTU mode; {@code reference} is the PDU address (mbpoll's -r is 1-based). */
    private Result mbpoll(String units, int reference, int count, String type) throws Exception {
        Connection c = bus();
        return run(List.of("mbpoll", "-m", "rtu", "-b", String.valueOf(c.baudRate()), "-P", "none", "-s", "2",
                "-a", units, "-r", String.valueOf(reference + 1), "-c", String.valueOf(count), "-t", type, "-B",
                "-1", "-o", "0.5", c.serialDevice()));
    }

    private static List<Double> values(Result r) {
        List<Double> out = new ArrayList<>();
        Matcher m = VALUE_LINE.matcher(r.stdout());
        while (m.find()) {
            out.add(Double.parseDouble(m.group(2)));
        }
        return out;
    }

    @Test
    void theConnectionPointsAtTheEmulatorsMasterPty() {
        Connection c = bus();
        assertTrue(c.serialDevice().startsWith("/dev/pts/"), c.serialDevice());
        assertEquals(9600, c.baudRate());
        Rs485BusEmulator emulator = simulator.bus("bus").orElseThrow();
        assertEquals(c.serialDevice(), emulator.masterDevice());
        assertEquals(java.util.Set.of(5, 6), emulator.unitIds());
        assertEquals("modbus-rtu " + c.serialDevice() + " @9600", simulator.endpoints().get("bus"));
    }

    @Test
    void mbpollReadsFloatsAndIntegersOverRtu() throws Exception {
        require(onPath("mbpoll"), "mbpoll is not installed: apt-get install -y mbpoll");
        PointDefinition power = PROFILE.point("active_power").orElseThrow();
        Result r = mbpoll("5", power.address(), 1, "4:float");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        double kw = values(r).get(0);
        double expected = simulator.model().value("press", Quantity.ACTIVE_POWER);
        assertEquals(expected, kw, Math.abs(expected) * 1e-5, r.stdout());

        PointDefinition temp = PROFILE.point("temperature").orElseThrow();
        Result t = mbpoll("6", temp.address(), 1, "4");
        assertEquals(0, t.exitCode(), t.stdout() + t.stderr());
        assertEquals(RegisterCodec.encode(temp, simulator.model().value("hall-temp", Quantity.TEMPERATURE))[0],
                (int) Math.round(values(t).get(0)) & 0xFFFF);
    }

    @Test
    void mbpollGetsNoAnswerFromADeadSlaveAndExceptionTwoOutsideTheMap() throws Exception {
        require(onPath("mbpoll"), "mbpoll is not installed: apt-get install -y mbpoll");
        simulator.bus("bus").orElseThrow().setBehaviour(5, SlaveBehaviour.dead());
        Result dead = mbpoll("5", 0, 2, "4");
        assertNotEquals(0, dead.exitCode());
        assertTrue((dead.stdout() + dead.stderr()).toLowerCase().contains("timed out"), dead.stdout() + dead.stderr());

        Result outside = mbpoll("6", 50, 2, "4");
        assertNotEquals(0, outside.exitCode());
        assertTrue(outside.stderr().contains("Illegal data address"), outside.stdout() + outside.stderr());
    }

    @Test
    void pymodbusReadsRegistersOverRtu() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean pymodbus = Files.isExecutable(python)
                && run(List.of(python.toString(), "-c", "import pymodbus.client")).exitCode() == 0;
        require(pymodbus, "pymodbus is not installed: apt-get install -y python3-pymodbus");
        Path script = Files.createTempFile("wattline-pymodbus-rtu-", ".py");
        try {
            Files.writeString(script, PYMODBUS_CLIENT);
            Connection c = bus();
            Result r = run(List.of(python.toString(), script.toString(), c.serialDevice(),
                    String.valueOf(c.baudRate()), "5", "0", "2"));
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            String[] words = r.stdout().trim().split(" ");
            int bits = Integer.parseInt(words[0]) << 16 | Integer.parseInt(words[1]);
            double expected = simulator.model().value("press", Quantity.ACTIVE_POWER);
            assertEquals((float) expected, Float.intBitsToFloat(bits), r.stdout());
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
