package io.wattline.collector.modbus.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.collector.support.SilentServer;
import io.wattline.profiles.RegisterFunction;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The j2mod TCP link against real peers: pymodbus, a silent socket and a closed port. */
@Tag("integration")
class ModbusTcpLinkIntegrationTest {

    private static PymodbusServer pymodbus;

    @BeforeAll
    static void startPymodbus() throws Exception {
        Peers.requirePymodbus();
        pymodbus = PymodbusServer.start("""
                {"1": {"hr": [[100, [1, 2, 65535]]], "ir": [[0, [42]]],
                       "co": [[0, [1, 0, 1, 1, 0, 0, 0, 0, 1]]], "di": [[3, [1]]]},
                 "7": {"hr": [[0, [7007]]]}}""");
    }

    @AfterAll
    static void stopPymodbus() throws Exception {
        if (pymodbus != null) {
            pymodbus.close();
        }
    }

    private static ModbusTcpLink link() {
        return new ModbusTcpLink("127.0.0.1", pymodbus.port(), Duration.ofMillis(500));
    }

    @Test
    void readsEveryTableAtItsPduAddress() throws Exception {
        try (ModbusTcpLink link = link()) {
            assertArrayEquals(new int[] {1, 2, 65535}, link.readRegisters(1, RegisterFunction.HOLDING, 100, 3));
            assertArrayEquals(new int[] {42}, link.readRegisters(1, RegisterFunction.INPUT, 0, 1));
            assertArrayEquals(new int[] {1, 0, 1, 1, 0, 0, 0, 0, 1}, link.readBits(1, RegisterFunction.COIL, 0, 9));
            assertArrayEquals(new int[] {1}, link.read(1, RegisterFunction.DISCRETE, 3, 1));
            assertArrayEquals(new int[] {7007}, link.read(7, RegisterFunction.HOLDING, 0, 1), "unit 7 on the same gateway");
        }
    }

    @Test
    void writesCoilRegisterAndRegistersAndReadsThemBack() throws Exception {
        try (ModbusTcpLink link = link()) {
            link.writeCoil(1, 1, true);
            assertArrayEquals(new int[] {1, 1}, link.readBits(1, RegisterFunction.COIL, 0, 2));
            link.writeCoil(1, 1, false);
            assertArrayEquals(new int[] {1, 0}, link.readBits(1, RegisterFunction.COIL, 0, 2));
            link.writeRegister(7, 0, 4321);
            assertArrayEquals(new int[] {4321}, link.readRegisters(7, RegisterFunction.HOLDING, 0, 1));
            link.writeRegisters(7, 0, new int[] {7007});
            assertArrayEquals(new int[] {7007}, link.readRegisters(7, RegisterFunction.HOLDING, 0, 1));
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.writeRegisters(7, 1, new int[] {1, 2}));
            assertEquals("exception 2 (illegal data address)", e.reason(), "no register 1..2 on unit 7");
        }
    }

    @Test
    void anUnmappedAddressIsExceptionTwoAndTheLinkStaysUsable() throws Exception {
        try (ModbusTcpLink link = link()) {
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(1, RegisterFunction.HOLDING, 102, 2));
            assertEquals(ModbusReadException.Kind.EXCEPTION_CODE, e.kind());
            assertEquals(2, e.exceptionCode());
            assertEquals("exception 2 (illegal data address)", e.reason());
            assertArrayEquals(new int[] {1, 2}, link.readRegisters(1, RegisterFunction.HOLDING, 100, 2));
        }
    }

    @Test
    void aUnitThatNeverAnswersTimesOutAndTheLinkReconnectsForTheNextRead() throws Exception {
        try (ModbusTcpLink link = link()) {
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(9, RegisterFunction.HOLDING, 0, 1));
            assertEquals(ModbusReadException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertEquals("timeout", e.reason());
            assertArrayEquals(new int[] {42}, link.readRegisters(1, RegisterFunction.INPUT, 0, 1));
        }
    }

    @Test
    void aSilentPeerTimesOutAndEachReadTriesAgain() throws Exception {
        try (SilentServer silent = new SilentServer();
                ModbusTcpLink link = new ModbusTcpLink("127.0.0.1", silent.port(), Duration.ofMillis(300))) {
            for (int i = 0; i < 2; i++) {
                ModbusReadException e = assertThrows(ModbusReadException.class,
                        () -> link.readRegisters(1, RegisterFunction.HOLDING, 0, 2));
                assertEquals(ModbusReadException.Kind.TIMEOUT, e.kind(), e.getMessage());
            }
            assertEquals(2, silent.connectionsAccepted(), "a fresh connection after each timeout");
        }
    }

    @Test
    void nothingListeningIsAnIoFailureNamingTheEndpoint() throws Exception {
        int port = Peers.freePort();
        try (ModbusTcpLink link = new ModbusTcpLink("127.0.0.1", port, Duration.ofMillis(300))) {
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(1, RegisterFunction.HOLDING, 0, 2));
            assertEquals(ModbusReadException.Kind.IO, e.kind(), e.getMessage());
            assertTrue(e.reason().startsWith("io: connect to tcp://127.0.0.1:" + port + " failed"), e.reason());
        }
    }

    @Test
    void rtuFramesOverTcpReachASerialGatewayStyleSlave() throws Exception {
        try (PymodbusServer rtu = PymodbusServer.start("{\"3\": {\"hr\": [[10, [258, 772]]], \"co\": [[0, [0, 1]]]}}", true);
                ModbusTcpLink link = ModbusTcpLink.rtuOverTcp("127.0.0.1", rtu.port(), Duration.ofMillis(500))) {
            assertEquals("rtu-over-tcp://127.0.0.1:" + rtu.port(), link.endpoint());
            assertArrayEquals(new int[] {258, 772}, link.readRegisters(3, RegisterFunction.HOLDING, 10, 2));
            assertArrayEquals(new int[] {0, 1}, link.readBits(3, RegisterFunction.COIL, 0, 2));
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(3, RegisterFunction.HOLDING, 12, 1));
            assertEquals(2, e.exceptionCode(), e.getMessage());
            assertArrayEquals(new int[] {258}, link.readRegisters(3, RegisterFunction.HOLDING, 10, 1),
                    "usable after an exception response; server said: " + rtu.output());
        }
    }
}
