package io.wattline.collector.modbus.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.PymodbusServer;
import io.wattline.collector.support.SocatPair;
import io.wattline.profiles.RegisterFunction;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The j2mod RTU serial link (jSerialComm) on a socat virtual serial line: against pymodbus as an
 * RTU slave (reads, writes, exception, silent unit), and against a hand-made slave that answers
 * with a broken CRC or a wrong length.
 */
@Tag("integration")
class ModbusRtuSerialLinkIntegrationTest {

    private static SocatPair line;
    private static PymodbusServer pymodbus;

    @BeforeAll
    static void startPeers() throws Exception {
        SocatPair.requireSocat();
        Peers.requirePymodbus();
        line = SocatPair.start();
        pymodbus = PymodbusServer.startSerial("""
                {"1": {"hr": [[100, [1, 2, 65535, 0, 0, 0]]], "ir": [[0, [42]]],
                       "co": [[0, [1, 0, 1, 1, 0, 0, 0, 0, 1]]], "di": [[3, [1]]]},
                 "7": {"hr": [[0, [7007]]]}}""", line.slaveDevice());
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (pymodbus != null) {
            pymodbus.close();
        }
        if (line != null) {
            line.close();
        }
    }

    private static ModbusRtuSerialLink link(String device) {
        return new ModbusRtuSerialLink(device, 9600, "N", 1, Duration.ofMillis(500), Duration.ZERO);
    }

    @Test
    void readsEveryTableOfSeveralUnitsOnOneBus() throws Exception {
        try (ModbusRtuSerialLink link = link(line.masterDevice())) {
            assertArrayEquals(new int[] {1, 2, 65535}, link.readRegisters(1, RegisterFunction.HOLDING, 100, 3),
                    pymodbus.output());
            assertArrayEquals(new int[] {42}, link.readRegisters(1, RegisterFunction.INPUT, 0, 1));
            assertArrayEquals(new int[] {1, 0, 1, 1, 0, 0, 0, 0, 1}, link.readBits(1, RegisterFunction.COIL, 0, 9));
            assertArrayEquals(new int[] {1}, link.read(1, RegisterFunction.DISCRETE, 3, 1));
            assertArrayEquals(new int[] {7007}, link.read(7, RegisterFunction.HOLDING, 0, 1), "unit 7 on the same bus");
            assertTrue(link.endpoint().startsWith("rtu://") && link.endpoint().endsWith("@9600-8N1"), link.endpoint());
        }
    }

    @Test
    void writesSingleCoilSingleRegisterAndMultipleRegistersAndReadsThemBack() throws Exception {
        try (ModbusRtuSerialLink link = link(line.masterDevice())) {
            link.writeCoil(1, 1, true);
            assertArrayEquals(new int[] {1, 1}, link.readBits(1, RegisterFunction.COIL, 0, 2));
            link.writeCoil(1, 1, false);
            assertArrayEquals(new int[] {1, 0}, link.readBits(1, RegisterFunction.COIL, 0, 2));
            link.writeRegister(1, 103, 0xBEEF);
            link.writeRegisters(1, 104, new int[] {500, 65535});
            assertArrayEquals(new int[] {0xBEEF, 500, 65535}, link.readRegisters(1, RegisterFunction.HOLDING, 103, 3));
        }
    }

    @Test
    void anUnmappedAddressIsExceptionTwoAndTheBusStaysUsable() throws Exception {
        try (ModbusRtuSerialLink link = link(line.masterDevice())) {
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(1, RegisterFunction.HOLDING, 110, 2));
            assertEquals(ModbusReadException.Kind.EXCEPTION_CODE, e.kind(), e.getMessage());
            assertEquals("exception 2 (illegal data address)", e.reason());
            assertArrayEquals(new int[] {1, 2}, link.readRegisters(1, RegisterFunction.HOLDING, 100, 2));
        }
    }

    @Test
    void aSilentUnitTimesOutAndTheNextReadOfAnotherUnitSucceeds() throws Exception {
        try (ModbusRtuSerialLink link = link(line.masterDevice())) {
            long started = System.nanoTime();
            ModbusReadException e = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(9, RegisterFunction.HOLDING, 0, 1));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ModbusReadException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertEquals("timeout", e.reason());
            // One attempt, not j2mod's default of several: the scheduler decides about retries.
            assertTrue(elapsedMillis < 1_400, "one timeout of 500 ms, took " + elapsedMillis + " ms");
            assertArrayEquals(new int[] {7007}, link.readRegisters(7, RegisterFunction.HOLDING, 0, 1));
        }
    }

    @Test
    void aBrokenCrcAndAWrongLengthAreBadResponses() throws Exception {
        try (SocatPair own = SocatPair.start();
                ScriptedSlave slave = new ScriptedSlave(own.slaveDevice());
                ModbusRtuSerialLink link = link(own.masterDevice())) {
            // Unit 3, FC 3, 2 bytes: 0x1234, CRC flipped.
            slave.answer(withCrc(new byte[] {3, 3, 2, 0x12, 0x34}, true));
            ModbusReadException crc = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(3, RegisterFunction.HOLDING, 0, 1));
            assertEquals(ModbusReadException.Kind.BAD_RESPONSE, crc.kind(), crc.getMessage());
            assertTrue(crc.reason().contains("crc"), crc.reason());

            // Two registers asked, one delivered, with a valid CRC.
            slave.answer(withCrc(new byte[] {3, 3, 2, 0x12, 0x34}, false));
            ModbusReadException length = assertThrows(ModbusReadException.class,
                    () -> link.readRegisters(3, RegisterFunction.HOLDING, 0, 2));
            assertEquals(ModbusReadException.Kind.BAD_RESPONSE, length.kind(), length.getMessage());

            slave.answer(withCrc(new byte[] {3, 3, 2, 0x12, 0x34}, false));
            assertArrayEquals(new int[] {0x1234}, link.readRegisters(3, RegisterFunction.HOLDING, 0, 1));
        }
    }

    /** The Modbus CRC-16 (poly 0xA001, init 0xFFFF), low byte first; {@code broken} flips it. */
    private static byte[] withCrc(byte[] frame, boolean broken) {
        int crc = 0xFFFF;
        for (byte b : frame) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        if (broken) {
            crc ^= 0xFFFF;
        }
        byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
        out[frame.length] = (byte) crc;
        out[frame.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** A slave on a pty that reads one 8-byte request and writes the frame it was given. */
    private static final class ScriptedSlave implements AutoCloseable {
        private final InputStream in;
        private final OutputStream out;

        ScriptedSlave(String device) throws IOException {
            this.in = new FileInputStream(device);
            this.out = new FileOutputStream(device);
        }

        void answer(byte[] frame) {
            Thread t = new Thread(() -> {
                try {
                    byte[] request = new byte[8];
                    int n = 0;
                    while (n < request.length) {
                        int r = in.read(request, n, request.length - n);
                        if (r < 0) {
                            return;
                        }
                        n += r;
                    }
                    out.write(frame);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "scripted-slave");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            in.close();
            out.close();
        }
    }
}
