package io.wattline.simulator;

import io.wattline.profiles.codec.FrameException;
import io.wattline.profiles.codec.ModbusFrames;
import io.wattline.profiles.codec.ReadRequest;
import java.util.Arrays;

/**
 * What a simulated device answers to one RTU request frame whose CRC and unit id were already
 * checked: reads (functions 1-4) from its register image, exception 2 outside the readable ranges,
 * exception 3 for a quantity Modbus does not allow, writes (5, 6, 15, 16) acknowledged but ignored
 * (the devices are meters, as on the TCP slaves), exception 1 for any other function.
 */
final class RtuResponder {

    static final int ILLEGAL_FUNCTION = 1;
    static final int ILLEGAL_DATA_ADDRESS = 2;
    static final int ILLEGAL_DATA_VALUE = 3;

    private RtuResponder() {
    }

    static byte[] respond(SimulatedDevice device, byte[] frame) {
        int unit = frame[0] & 0xFF;
        int function = frame[1] & 0xFF;
        return switch (function) {
            case 1, 2, 3, 4 -> read(device, unit, function, frame);
            // a write echoes the request (5, 6) or its address and quantity (15, 16)
            case 5, 6 -> frame.clone();
            case 15, 16 -> ModbusFrames.withCrc(Arrays.copyOf(frame, 6));
            default -> ModbusFrames.rtuExceptionResponse(unit, function, ILLEGAL_FUNCTION);
        };
    }

    private static byte[] read(SimulatedDevice device, int unit, int function, byte[] frame) {
        ReadRequest request;
        try {
            request = ModbusFrames.parseRtuRequest(frame);
        } catch (FrameException e) {
            // the CRC was good, so what is wrong is the quantity or address range
            return ModbusFrames.rtuExceptionResponse(unit, function, ILLEGAL_DATA_VALUE);
        }
        try {
            if (request.function().isBit()) {
                boolean[] bits = device.bits(request.function(), request.address(), request.count());
                return ModbusFrames.rtuBitResponse(unit, request.function(), bits);
            }
            int[] words = device.registers(request.function(), request.address(), request.count());
            return ModbusFrames.rtuRegisterResponse(unit, request.function(), words);
        } catch (RegisterImage.OutsideReadableRange e) {
            return ModbusFrames.rtuExceptionResponse(unit, function, ILLEGAL_DATA_ADDRESS);
        }
    }

    static boolean isException(byte[] response) {
        return response.length > 1 && (response[1] & 0x80) != 0;
    }
}
