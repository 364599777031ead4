package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.support.Peers;
import io.wattline.collector.support.ProfileRegisters;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.collector.support.SocatPair;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./wattline scan} against pymodbus meters: three devices of different catalogue models behind
 * one Modbus TCP gateway (a DTSU666 that answers the 101EH energy block, an SDM630, a UMG 96RM) are
 * found and identified, the DTSU666's variant named, absent unit ids reported, and the plant skeleton
 * written loads as a plant; on an RS-485 line (socat pty) a DTSU666 of the manual's map is told apart
 * the same way.
 */
@Tag("integration")
@Timeout(120)
class ScanCommandTest {

    private static final ProfileCatalog CATALOG = ProfileCatalog.builtIn();
    private static final RegisterFunction H = RegisterFunction.HOLDING;

    @TempDir
    Path dir;

    /** Plausible readings for an electricity meter: 230 V phases, 49.98 Hz, energies in kWh. */
    private static Map<String, Double> readings(DeviceProfile profile) {
        return profile.points().stream().collect(Collectors.toMap(PointDefinition::name, p -> switch (p.quantity()) {
            case VOLTAGE_L1_N, VOLTAGE_L2_N, VOLTAGE_L3_N -> 230.4;
            case FREQUENCY -> 49.98;
            case ACTIVE_ENERGY_IMPORT -> 12345.5;
            default -> 1.5;
        }));
    }

    /** A DTSU666 on {@code unitId} whose energies sit at 101EH (it refuses 401EH), with its address at 002EH. */
    private static String dtsuLowerBlock(int unitId) {
        DeviceProfile lower = CATALOG.require("chint/dtsu666@energy-101e");
        return ProfileRegisters.unit(lower, readings(lower), List.of(new RegisterRange(H, 0x401E, 0x402A)),
                Map.of(0x002E, unitId));
    }

    private Result scan(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScanCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }

    @Test
    void threeMetersOfDifferentModelsOnOneGatewayAreFoundIdentifiedAndWrittenAsAPlant() throws Exception {
        Peers.requirePymodbus();
        DeviceProfile sdm630 = CATALOG.require("eastron/sdm630");
        DeviceProfile umg = CATALOG.require("janitza/umg96rm");
        String spec = ProfileRegisters.spec(Map.of(
                1, dtsuLowerBlock(1),
                2, ProfileRegisters.unit(sdm630, readings(sdm630), List.of()),
                3, ProfileRegisters.unit(umg, readings(umg), List.of())));
        Path skeleton = dir.resolve("plant-scan.yaml");
        try (PymodbusServer gateway = PymodbusServer.start(spec)) {
            Result result = scan("tcp://127.0.0.1:" + gateway.port(), "--units", "1-5", "--timeout", "300ms",
                    "--out", skeleton.toString(), "--zone", "Asia/Shanghai");

            assertEquals(0, result.code(), result.out() + result.err());
            List<String> lines = result.out().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("unit 1: chint/dtsu666@energy-101e (CHINT DTSU666):")
                    && l.contains("answers variant energy-101e")), result.out());
            assertTrue(lines.contains("    variant energy-401e: does not answer [active_energy_import (0..99999999 kWh):"
                    + " exception 2 (illegal data address) from unit 1, FC 03 at 16414 (0x401E) count 2]"), result.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("unit 2: eastron/sdm630 (Eastron SDM630")), result.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("    also matches eastron/sdm120 (2 checks, fewer than 4)")),
                    "the single-phase model shares two registers and is named as the weaker match: " + result.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("unit 3: janitza/umg96rm (Janitza UMG 96RM")), result.out());
            assertTrue(lines.contains("2 unit id(s) gave no answer"), result.out());
        }
        ProfileLibrary profiles = ProfileLibrary.builtIn();
        Plant plant = profiles.plantLoader().load(skeleton);
        Map<Integer, String> byUnit = plant.meters().stream().collect(Collectors.toMap(Meter::unitId, Meter::profile));
        assertEquals(Map.of(1, "chint/dtsu666@energy-101e", 2, "eastron/sdm630", 3, "janitza/umg96rm"), byUnit,
                Files.readString(skeleton));
        assertEquals("Asia/Shanghai", plant.zone().getId());
    }

    @Test
    void onAnRs485LineTheManualsMapIsTold() throws Exception {
        Peers.requirePymodbus();
        SocatPair.requireSocat();
        DeviceProfile dtsu = CATALOG.require("chint/dtsu666");
        String spec = ProfileRegisters.spec(Map.of(2, ProfileRegisters.unit(dtsu, readings(dtsu), List.of(),
                Map.of(0x002E, 2))));
        Path skeleton = dir.resolve("rtu.yaml");
        try (SocatPair line = SocatPair.start(); PymodbusServer meter = PymodbusServer.startSerial(spec, line.slaveDevice())) {
            Result result = scan("rtu://" + line.masterDevice() + "@9600-8N1", "--units", "1-3", "--timeout", "300ms",
                    "--out", skeleton.toString());
            assertEquals(0, result.code(), result.out() + result.err());
            assertTrue(result.out().lines().anyMatch(l -> l.startsWith("unit 2: chint/dtsu666 (CHINT DTSU666):")
                    && l.contains("answers variant energy-401e")), result.out());
        }
        Plant plant = ProfileLibrary.builtIn().plantLoader().load(skeleton);
        Map<Integer, Meter> byUnit = plant.meters().stream().collect(Collectors.toMap(Meter::unitId, Function.identity()));
        assertEquals("chint/dtsu666", byUnit.get(2).profile());
        assertTrue(Files.readString(skeleton).contains("type: modbus-rtu, device: " + "/"), Files.readString(skeleton));
    }

    @Test
    void aBusThatCannotBeReachedAndABadCommandLineSayWhy() throws Exception {
        Result closed = scan("tcp://127.0.0.1:" + Peers.freePort(), "--units", "1", "--out", dir.resolve("x.yaml").toString());
        assertEquals(1, closed.code());
        assertTrue(closed.err().contains("cannot reach tcp://127.0.0.1:") && closed.err().contains("Connection refused"),
                closed.err());
        Result bad = scan("udp://gw:502");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected tcp://HOST:PORT, rtu-over-tcp://HOST:PORT or rtu:///dev/ttyUSB0@9600-8N1"),
                bad.err());
        assertTrue(scan("tcp://gw:502", "--units", "300").err().contains("--units expects unit ids 0..255"));
    }
}
