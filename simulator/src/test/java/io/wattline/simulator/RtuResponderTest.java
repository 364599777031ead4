package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.core.Quantity;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.FrameException;
import io.wattline.profiles.codec.ModbusFrames;
import io.wattline.profiles.codec.ReadRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtuResponderTest {

    private final SimulatedDevice device = new SimulatedDevice("m", 17, new RegisterImage(TestProfiles.meter(), Map.of()),
            () -> Map.of(Quantity.ACTIVE_POWER, 1.5, Quantity.VOLTAGE_L1_N, 231.0));

    private static int exceptionOf(byte[] response, ReadRequest request) {
        FrameException e = assertThrows(FrameException.class, () -> ModbusFrames.parseRtuRegisters(response, request));
        assertEquals(FrameException.Reason.EXCEPTION_RESPONSE, e.reason());
        return e.exceptionCode();
    }

    @Test
    void readsServeTheRegisterImage() throws Exception {
        ReadRequest read = new ReadRequest(17, RegisterFunction.HOLDING, 0, 2);
        byte[] response = RtuResponder.respond(device, ModbusFrames.rtuRequest(read));
        // 1.5f = 0x3FC00000, ABCD
        assertEquals("11 03 04 3F C0 00 00", ModbusFrames.hex(response).substring(0, 20));
        assertArrayEquals(new int[] {0x3FC0, 0}, ModbusFrames.parseRtuRegisters(response, read));
        ReadRequest input = new ReadRequest(17, RegisterFunction.INPUT, 100, 2);
        assertArrayEquals(device.registers(RegisterFunction.INPUT, 100, 2),
                ModbusFrames.parseRtuRegisters(RtuResponder.respond(device, ModbusFrames.rtuRequest(input)), input));
        ReadRequest coils = new ReadRequest(17, RegisterFunction.COIL, 0, 2);
        assertArrayEquals(new boolean[] {false, false},
                ModbusFrames.parseRtuBits(RtuResponder.respond(device, ModbusFrames.rtuRequest(coils)), coils));
    }

    @Test
    void outsideTheReadableRangesIsIllegalDataAddress() {
        for (ReadRequest r : new ReadRequest[] {new ReadRequest(17, RegisterFunction.HOLDING, 8, 4),
                new ReadRequest(17, RegisterFunction.INPUT, 0, 1), new ReadRequest(17, RegisterFunction.HOLDING, 200, 1)}) {
            assertEquals(2, exceptionOf(RtuResponder.respond(device, ModbusFrames.rtuRequest(r)), r), r.toString());
        }
    }

    @Test
    void aQuantityModbusDoesNotAllowIsIllegalDataValue() {
        // 126 registers: well-formed frame, CRC good, quantity over 125
        byte[] frame = ModbusFrames.withCrc(ModbusFrames.hex("11 03 00 00 00 7E"));
        byte[] response = RtuResponder.respond(device, frame);
        assertEquals(ModbusFrames.hex(ModbusFrames.rtuExceptionResponse(17, 3, 3)), ModbusFrames.hex(response));
    }

    @Test
    void writesAreAcknowledgedAndOtherFunctionsAreIllegal() {
        byte[] single = ModbusFrames.withCrc(ModbusFrames.hex("11 06 00 04 00 2A"));
        assertArrayEquals(single, RtuResponder.respond(device, single));
        byte[] multiple = ModbusFrames.withCrc(ModbusFrames.hex("11 10 00 00 00 02 04 00 01 00 02"));
        assertArrayEquals(ModbusFrames.withCrc(ModbusFrames.hex("11 10 00 00 00 02")), RtuResponder.respond(device, multiple));
        byte[] diagnostics = ModbusFrames.withCrc(ModbusFrames.hex("11 08 00 00 12 34"));
        assertArrayEquals(ModbusFrames.rtuExceptionResponse(17, 8, 1), RtuResponder.respond(device, diagnostics));
    }
}
