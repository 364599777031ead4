package io.wattline.profiles.codec;

import static io.wattline.profiles.codec.ModbusFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.FrameException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven checks of the frame codec against frames printed elsewhere: the Modbus
 * application protocol specification's examples (carried on unit 0x11 as in the widely copied
 * Simply Modbus tables), the SIMEX TRS-02a manual and a classic request. Their CRCs were checked
 * independently before being written here.
 */
class ModbusFramesTest {

    @Test
    void crcOfTheStandardCheckString() {
        // CRC-16/MODBUS catalogue check value for the ASCII text "123456789"
        byte[] text = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x4B37, ModbusFrames.crc16(text, 0, text.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "01 03 00 00 00 0A C5 CD       | 1  | HOLDING  | 0    | 10",
        "11 03 00 6B 00 03 76 87       | 17 | HOLDING  | 107  | 3",
        "11 01 00 13 00 25 0E 84       | 17 | COIL     | 19   | 37",
        "11 02 00 C4 00 16 BA A9       | 17 | DISCRETE | 196  | 22",
        "11 04 00 08 00 01 B2 98       | 17 | INPUT    | 8    | 1",
        "01 03 00 01 00 02 95 CB       | 1  | HOLDING  | 1    | 2",
    })
    void requestsBuildAndParse(String frame, int unit, RegisterFunction function, int address, int count) {
        ReadRequest request = new ReadRequest(unit, function, address, count);
        assertEquals(frame, hex(ModbusFrames.rtuRequest(request)));
        assertEquals(request, ModbusFrames.parseRtuRequest(hex(frame)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "11 03 00 6B 00 03 | 11 03 06 AE 41 56 52 43 40 49 AD | AE41 5652 4340",
        "11 04 00 08 00 01 | 11 04 02 00 0A F8 F4             | 000A",
        "01 03 00 01 00 02 | 01 03 04 00 C1 00 00 AB CF       | 00C1 0000",
        "01 03 00 01 00 02 | 01 03 04 00 C5 00 A0 EA 76       | 00C5 00A0",
    })
    void registerResponsesParseAndRebuild(String requestPdu, String frame, String registers) {
        ReadRequest request = ModbusFrames.parseRtuRequest(ModbusFrames.withCrc(hex(requestPdu)));
        int[] expected = Arrays.stream(registers.trim().split("\\s+")).mapToInt(w -> Integer.parseInt(w, 16)).toArray();
        assertArrayEquals(expected, ModbusFrames.parseRtuRegisters(hex(frame), request));
        assertEquals(frame, hex(ModbusFrames.rtuRegisterResponse(request.unitId(), request.function(), expected)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // spec 6.1: coils 20..56; CD = 1100 1101 gives coils 20..27 = 1,0,1,1,0,0,1,1 (LSB first)
        "11 01 00 13 00 25 | 11 01 05 CD 6B B2 0E 1B 45 E6 | 1011001111010110010011010111000011011",
        // spec 6.2: discrete inputs 197..218
        "11 02 00 C4 00 16 | 11 02 03 AC DB 35 20 18       | 0011010111011011101011",
    })
    void bitResponsesParseAndRebuild(String requestPdu, String frame, String bits) {
        ReadRequest request = ModbusFrames.parseRtuRequest(ModbusFrames.withCrc(hex(requestPdu)));
        boolean[] expected = new boolean[bits.length()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = bits.charAt(i) == '1';
        }
        assertArrayEquals(expected, ModbusFrames.parseRtuBits(hex(frame), request));
        assertEquals(frame, hex(ModbusFrames.rtuBitResponse(request.unitId(), request.function(), expected)));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', value = {
        "11 03 00 6B 00 03 | 11 03 06 AE 41 56 52 43 40 49 AE | BAD_CRC",
        "11 03 00 6B 00 03 | 11 03 06 AE 41 56 53 43 40 49 AD | BAD_CRC",
        "11 03 00 6B 00 03 | 11 03 06 AE 41 56 52 43 40       | BAD_CRC",
        "11 03 00 6B 00 03 | 11 03                            | TOO_SHORT",
        "11 03 00 6B 00 03 | 11 83 02 C1 34                   | EXCEPTION_RESPONSE",
        "11 03 00 6B 00 02 | 11 03 06 AE 41 56 52 43 40 49 AD | BAD_LENGTH",
        "12 03 00 6B 00 03 | 11 03 06 AE 41 56 52 43 40 49 AD | WRONG_UNIT",
        "11 04 00 6B 00 03 | 11 03 06 AE 41 56 52 43 40 49 AD | WRONG_FUNCTION",
    })
    void badResponsesAreRejectedWithTheirReason(String requestPdu, String frame, Reason reason) {
        ReadRequest request = ModbusFrames.parseRtuRequest(ModbusFrames.withCrc(hex(requestPdu)));
        FrameException e = assertThrows(FrameException.class, () -> ModbusFrames.parseRtuRegisters(hex(frame), request));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void exceptionResponsesCarryTheirCode() {
        byte[] frame = ModbusFrames.rtuExceptionResponse(0x11, 3, 2);
        assertEquals("11 83 02 C1 34", hex(frame));
        FrameException e = assertThrows(FrameException.class,
                () -> ModbusFrames.parseRtuRegisters(frame, new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 3)));
        assertEquals(Reason.EXCEPTION_RESPONSE, e.reason());
        assertEquals(2, e.exceptionCode());
    }

    @Test
    void aByteCountThatDisagreesWithTheFrameIsABadLength() {
        // valid CRC, but the byte count says 4 while 6 data bytes follow
        byte[] frame = ModbusFrames.withCrc(hex("11 03 04 AE 41 56 52 43 40"));
        FrameException e = assertThrows(FrameException.class,
                () -> ModbusFrames.parseRtuRegisters(frame, new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 2)));
        assertEquals(Reason.BAD_LENGTH, e.reason());
    }

    @Test
    void requestsOutsideModbusLimitsAreRefused() {
        assertEquals(Reason.BAD_REQUEST, assertThrows(FrameException.class,
                () -> new ReadRequest(1, RegisterFunction.HOLDING, 0, 126)).reason());
        assertEquals(Reason.BAD_REQUEST, assertThrows(FrameException.class,
                () -> new ReadRequest(1, RegisterFunction.COIL, 0, 2001)).reason());
        assertEquals(Reason.BAD_REQUEST, assertThrows(FrameException.class,
                () -> new ReadRequest(1, RegisterFunction.INPUT, 65535, 2)).reason());
        assertEquals(Reason.WRONG_FUNCTION, assertThrows(FrameException.class,
                () -> ModbusFrames.parseRtuRequest(ModbusFrames.withCrc(hex("01 06 00 01 00 03")))).reason());
    }

    @Test
    void mbapOfTheSpecificationExample() {
        // Modbus messaging on TCP/IP implementation guide: transaction 1, unit 0x11, read 3 holding registers at 107
        ReadRequest request = new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 3);
        byte[] frame = ModbusFrames.tcpRequest(1, request);
        assertEquals("00 01 00 00 00 06 11 03 00 6B 00 03", hex(frame));
        assertEquals(new MbapHeader(1, 0, 6, 0x11), ModbusFrames.parseMbap(frame));
        assertEquals(request, ModbusFrames.parseTcpRequest(frame));

        byte[] response = hex("00 01 00 00 00 09 11 03 06 AE 41 56 52 43 40");
        assertArrayEquals(new int[] {0xAE41, 0x5652, 0x4340}, ModbusFrames.parseTcpRegisters(response, 1, request));
        assertEquals(hex(response), hex(ModbusFrames.tcpRegisterResponse(1, 0x11, RegisterFunction.HOLDING,
                new int[] {0xAE41, 0x5652, 0x4340})));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "00 01 00 01 00 09 11 03 06 AE 41 56 52 43 40 | BAD_HEADER",
        "00 02 00 00 00 09 11 03 06 AE 41 56 52 43 40 | BAD_HEADER",
        "00 01 00 00 00 0A 11 03 06 AE 41 56 52 43 40 | BAD_LENGTH",
        "00 01 00 00 00 09 12 03 06 AE 41 56 52 43 40 | WRONG_UNIT",
        "00 01 00 00 00 03 11 83 02                   | EXCEPTION_RESPONSE",
        "00 01 00 00 00                               | TOO_SHORT",
    })
    void badTcpResponsesAreRejected(String frame, Reason reason) {
        ReadRequest request = new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 3);
        assertEquals(reason, assertThrows(FrameException.class,
                () -> ModbusFrames.parseTcpRegisters(hex(frame), 1, request)).reason());
    }

    @Test
    void everySingleBitErrorInAResponseIsCaught() {
        ReadRequest request = new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 3);
        byte[] good = hex("11 03 06 AE 41 56 52 43 40 49 AD");
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(FrameException.class, () -> ModbusFrames.parseRtuRegisters(bad, request), "bit " + bit);
        }
    }

    @Test
    void randomFramesNeverEscapeAsAnythingButFrameException() {
        Random random = new Random(20261125L);
        ReadRequest request = new ReadRequest(0x11, RegisterFunction.HOLDING, 107, 3);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] frame = new byte[random.nextInt(16)];
            random.nextBytes(frame);
            if (frame.length > 0 && random.nextBoolean()) {
                frame = ModbusFrames.withCrc(Arrays.copyOf(frame, frame.length));   // structurally random, CRC right
            }
            try {
                int[] registers = ModbusFrames.parseRtuRegisters(frame, request);
                assertEquals(3, registers.length);   // only a frame that is a complete, valid answer gets here
                accepted++;
            } catch (FrameException expected) {
                // the only allowed failure
            }
        }
        // random bytes almost never form a valid answer for unit 0x11 function 3 with 6 data bytes
        assertEquals(0, accepted);
    }
}
