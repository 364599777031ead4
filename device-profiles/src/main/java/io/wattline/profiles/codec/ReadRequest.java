package io.wattline.profiles.codec;

import io.wattline.profiles.RegisterFunction;

/**
 * One Modbus read (function 1, 2, 3 or 4): {@code count} registers or bits from PDU address
 * {@code address} of unit {@code unitId}.
 */
public record ReadRequest(int unitId, RegisterFunction function, int address, int count) {

    public ReadRequest {
        if (unitId < 0 || unitId > 255) {
            throw new FrameException(FrameException.Reason.BAD_REQUEST, "unit id " + unitId + " outside 0..255");
        }
        int max = function.isBit() ? ModbusFrames.MAX_BITS : ModbusFrames.MAX_REGISTERS;
        if (count < 1 || count > max) {
            throw new FrameException(FrameException.Reason.BAD_REQUEST,
                    "quantity " + count + " outside 1.." + max + " for " + function);
        }
        if (address < 0 || address + count > 0x10000) {
            throw new FrameException(FrameException.Reason.BAD_REQUEST,
                    "addresses " + address + ".." + (address + count - 1) + " outside 0..65535");
        }
    }

    public int functionCode() {
        return function.readFunctionCode();
    }

    /** Bytes of data in a normal response: 2 per register, or one per 8 bits. */
    public int responseByteCount() {
        return function.isBit() ? (count + 7) / 8 : 2 * count;
    }
}
