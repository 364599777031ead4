package io.wattline.collector.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.modbus.link.ModbusTcpLink;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.core.alarm.BeaconSettings;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.profiles.RegisterFunction;
import io.wattline.testkit.Await;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The beacon output against a real Modbus slave (pymodbus): a coil switched on and off, a holding
 * register written its on and off values, and a state lost by the module written again.
 */
@Tag("integration")
class ModbusOutputSwitchPymodbusIntegrationTest {

    private static final String SPEC = "{\"9\": {\"co\": [[0, [0, 0, 0, 0]]], \"hr\": [[10, [0, 0]]]}}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void needsPymodbus() {
        Peers.requirePymodbus();
    }

    private static Connection tcp(int port) {
        return new Connection("gw", ConnectionType.MODBUS_TCP, "127.0.0.1", port, null, 0, null, 0,
                Duration.ofSeconds(1), 1, null);
    }

    /** Reads what the slave holds, through a link of the test's own. */
    private static int read(ModbusTcpLink reader, RegisterFunction table, int address) throws ModbusReadException {
        return reader.read(9, table, address, 1)[0];
    }

    @Test
    void aCoilFollowsTheWantedStateAndIsWrittenAgainAfterTheModuleLostIt() throws Exception {
        try (PymodbusServer slave = PymodbusServer.start(SPEC);
                ModbusTcpLink reader = new ModbusTcpLink("127.0.0.1", slave.port(), Duration.ofSeconds(1));
                ModbusOutputSwitch horn = ModbusOutputSwitch.open(new BeaconSettings("horn", "gw", 9, true, 2, 1, 0,
                        Set.of("critical"), Duration.ofMillis(300)), tcp(slave.port()))) {
            horn.set(true);
            awaitValue(() -> read(reader, RegisterFunction.COIL, 2), 1, "coil 2 on");
            assertEquals(0, read(reader, RegisterFunction.COIL, 1), "its neighbour untouched");
            reader.writeCoil(9, 2, false); // the I/O module restarted and lost its outputs
            awaitValue(() -> read(reader, RegisterFunction.COIL, 2), 1, "coil 2 on again after the refresh");
            horn.set(false);
            awaitValue(() -> read(reader, RegisterFunction.COIL, 2), 0, "coil 2 off");
            // the switch notes what it wrote once the gateway's answer is back, which can be after our read sees it
            Await.until(() -> Boolean.FALSE.equals(horn.written().orElse(null)), WAIT,
                    () -> "the switch knows it wrote off (written: " + horn.written() + ")");
            assertTrue(horn.describe().contains("coil 2 of unit 9"), horn.describe());
        }
    }

    @Test
    void aRegisterGetsItsOnAndOffValues() throws Exception {
        try (PymodbusServer slave = PymodbusServer.start(SPEC);
                ModbusTcpLink reader = new ModbusTcpLink("127.0.0.1", slave.port(), Duration.ofSeconds(1));
                ModbusOutputSwitch tower = ModbusOutputSwitch.open(new BeaconSettings("tower", "gw", 9, false, 11, 3, 7,
                        Set.of("high"), null), tcp(slave.port()))) {
            tower.set(false);
            awaitValue(() -> read(reader, RegisterFunction.HOLDING, 11), 7, "register 11 = off value 7");
            tower.set(true);
            awaitValue(() -> read(reader, RegisterFunction.HOLDING, 11), 3, "register 11 = on value 3");
            assertEquals(0, read(reader, RegisterFunction.HOLDING, 10));
        }
    }

    /** Waits until {@code read} gives {@code wanted}; a read the slave does not answer fails the test at once. */
    private static void awaitValue(ReadAction read, int wanted, String what) throws InterruptedException {
        Await.until(() -> {
            try {
                return read.value();
            } catch (ModbusReadException e) {
                throw new AssertionError("reading the slave failed while waiting for " + what, e);
            }
        }, v -> v == wanted, WAIT, what);
    }

    /** One read of the slave's state. */
    @FunctionalInterface
    private interface ReadAction {
        int value() throws ModbusReadException;
    }
}
