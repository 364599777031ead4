package io.wattline.profiles.codec;

import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.FrameException.Reason;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Pure Modbus framing for reads: CRC-16/MODBUS, RTU requests and responses for functions 1-4,
 * exception responses, and the MBAP header of Modbus TCP. Parsing checks everything (CRC, length,
 * unit, function, byte count) before any value is handed out; a bad frame is a {@link FrameException}.
 */
public final class ModbusFrames {

    /** Largest register count one read may ask for (Modbus application protocol 1.1b3, 6.3). */
    public static final int MAX_REGISTERS = 125;
    /** Largest coil or discrete-input count one read may ask for (6.1, 6.2). */
    public static final int MAX_BITS = 2000;

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            CRC_TABLE[i] = crc;
        }
    }

    private ModbusFrames() {
    }

    /** CRC-16/MODBUS (poly 0x8005 reflected, init 0xFFFF) of {@code length} bytes from {@code offset}. */
    public static int crc16(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** {@code body} followed by its CRC, low byte first, as RTU sends it. */
    public static byte[] withCrc(byte[] body) {
        byte[] out = new byte[body.length + 2];
        System.arraycopy(body, 0, out, 0, body.length);
        int crc = crc16(body, 0, body.length);
        out[body.length] = (byte) crc;
        out[body.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** The request PDU: function code, start address, quantity. */
    public static byte[] requestPdu(ReadRequest r) {
        return new byte[] {(byte) r.functionCode(), (byte) (r.address() >>> 8), (byte) r.address(),
                (byte) (r.count() >>> 8), (byte) r.count()};
    }

    /** An RTU read request: unit, PDU, CRC. */
    public static byte[] rtuRequest(ReadRequest r) {
        return withCrc(prepend(r.unitId(), requestPdu(r)));
    }

    /** Parses an RTU read request (what a slave receives). */
    public static ReadRequest parseRtuRequest(byte[] frame) {
        if (frame.length < 8) {
            throw new FrameException(Reason.TOO_SHORT, "a read request has 8 bytes, got " + frame.length);
        }
        checkCrc(frame);
        if (frame.length != 8) {
            throw new FrameException(Reason.BAD_LENGTH, "a read request has 8 bytes, got " + frame.length);
        }
        return parseRequestPdu(frame[0] & 0xFF, frame, 1);
    }

    /** An RTU response carrying {@code registers} (function 3 or 4). */
    public static byte[] rtuRegisterResponse(int unitId, RegisterFunction function, int[] registers) {
        return withCrc(prepend(unitId, registerResponsePdu(function, registers)));
    }

    /** An RTU response carrying {@code bits} (function 1 or 2), packed least significant bit first. */
    public static byte[] rtuBitResponse(int unitId, RegisterFunction function, boolean[] bits) {
        return withCrc(prepend(unitId, bitResponsePdu(function, bits)));
    }

    /** An RTU exception response: function code with bit 7 set, then the exception code. */
    public static byte[] rtuExceptionResponse(int unitId, int functionCode, int exceptionCode) {
        return withCrc(new byte[] {(byte) unitId, (byte) (functionCode | 0x80), (byte) exceptionCode});
    }

    /** The registers of an RTU response to {@code request}, after checking CRC, unit, function and lengths. */
    public static int[] parseRtuRegisters(byte[] frame, ReadRequest request) {
        requireRegisterFunction(request);
        byte[] pdu = rtuPdu(frame, request);
        return registersOf(checkedData(pdu, request));
    }

    /** The bits of an RTU response to a coil or discrete-input {@code request}. */
    public static boolean[] parseRtuBits(byte[] frame, ReadRequest request) {
        requireBitFunction(request);
        byte[] pdu = rtuPdu(frame, request);
        return bitsOf(checkedData(pdu, request), request.count());
    }

    /** A Modbus TCP frame: MBAP header (protocol 0, length = 1 + PDU) and the PDU. */
    public static byte[] tcpFrame(int transactionId, int unitId, byte[] pdu) {
        if (transactionId < 0 || transactionId > 0xFFFF) {
            throw new FrameException(Reason.BAD_REQUEST, "transaction id " + transactionId + " outside 0..65535");
        }
        int length = pdu.length + 1;
        byte[] out = new byte[MbapHeader.SIZE + pdu.length];
        out[0] = (byte) (transactionId >>> 8);
        out[1] = (byte) transactionId;
        out[4] = (byte) (length >>> 8);
        out[5] = (byte) length;
        out[6] = (byte) unitId;
        System.arraycopy(pdu, 0, out, MbapHeader.SIZE, pdu.length);
        return out;
    }

    /** A Modbus TCP read request. */
    public static byte[] tcpRequest(int transactionId, ReadRequest r) {
        return tcpFrame(transactionId, r.unitId(), requestPdu(r));
    }

    /** A Modbus TCP response carrying {@code registers}. */
    public static byte[] tcpRegisterResponse(int transactionId, int unitId, RegisterFunction function, int[] registers) {
        return tcpFrame(transactionId, unitId, registerResponsePdu(function, registers));
    }

    /** The MBAP header of a whole TCP frame; checks protocol id 0 and that the length matches the frame. */
    public static MbapHeader parseMbap(byte[] frame) {
        if (frame.length < MbapHeader.SIZE + 1) {
            throw new FrameException(Reason.TOO_SHORT, "a Modbus TCP frame has at least 8 bytes, got " + frame.length);
        }
        MbapHeader h = new MbapHeader(u16(frame, 0), u16(frame, 2), u16(frame, 4), frame[6] & 0xFF);
        if (h.protocolId() != 0) {
            throw new FrameException(Reason.BAD_HEADER, "protocol id must be 0 (Modbus), got " + h.protocolId());
        }
        if (h.length() != frame.length - 6) {
            throw new FrameException(Reason.BAD_LENGTH, "MBAP length says " + h.length()
                    + " bytes follow but " + (frame.length - 6) + " do");
        }
        return h;
    }

    /** Parses a TCP read request (what a server receives). */
    public static ReadRequest parseTcpRequest(byte[] frame) {
        MbapHeader h = parseMbap(frame);
        if (frame.length != MbapHeader.SIZE + 5) {
            throw new FrameException(Reason.BAD_LENGTH, "a read request PDU has 5 bytes, got " + (frame.length - MbapHeader.SIZE));
        }
        return parseRequestPdu(h.unitId(), frame, MbapHeader.SIZE);
    }

    /** The registers of a TCP response to {@code request} sent with {@code transactionId}. */
    public static int[] parseTcpRegisters(byte[] frame, int transactionId, ReadRequest request) {
        requireRegisterFunction(request);
        return registersOf(checkedData(tcpPdu(frame, transactionId, request), request));
    }

    /** The bits of a TCP response to a coil or discrete-input {@code request}. */
    public static boolean[] parseTcpBits(byte[] frame, int transactionId, ReadRequest request) {
        requireBitFunction(request);
        return bitsOf(checkedData(tcpPdu(frame, transactionId, request), request), request.count());
    }

    /** Bytes from hex text; spaces, colons and a {@code 0x} prefix are ignored. */
    public static byte[] hex(String text) {
        String clean = text.replaceAll("(?i)0x|[\\s:]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in '" + text + "'");
        }
        return HexFormat.of().parseHex(clean);
    }

    /** Upper-case hex with a space between bytes, as frames are written in fixtures. */
    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes).toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------

    private static byte[] rtuPdu(byte[] frame, ReadRequest request) {
        if (frame.length < 5) {
            throw new FrameException(Reason.TOO_SHORT, "an RTU response has at least 5 bytes, got " + frame.length);
        }
        checkCrc(frame);
        int unit = frame[0] & 0xFF;
        if (unit != request.unitId()) {
            throw new FrameException(Reason.WRONG_UNIT, "asked unit " + request.unitId() + ", answered by " + unit);
        }
        byte[] pdu = new byte[frame.length - 3];
        System.arraycopy(frame, 1, pdu, 0, pdu.length);
        return pdu;
    }

    private static byte[] tcpPdu(byte[] frame, int transactionId, ReadRequest request) {
        MbapHeader h = parseMbap(frame);
        if (h.transactionId() != transactionId) {
            throw new FrameException(Reason.BAD_HEADER, "sent transaction " + transactionId + ", answer is for " + h.transactionId());
        }
        if (h.unitId() != request.unitId()) {
            throw new FrameException(Reason.WRONG_UNIT, "asked unit " + request.unitId() + ", answered by " + h.unitId());
        }
        byte[] pdu = new byte[frame.length - MbapHeader.SIZE];
        System.arraycopy(frame, MbapHeader.SIZE, pdu, 0, pdu.length);
        return pdu;
    }

    /** Data bytes of a response PDU, after function, exception and byte-count checks. */
    private static byte[] checkedData(byte[] pdu, ReadRequest request) {
        int fc = pdu[0] & 0xFF;
        if (fc == (request.functionCode() | 0x80)) {
            if (pdu.length != 2) {
                throw new FrameException(Reason.BAD_LENGTH, "an exception response PDU has 2 bytes, got " + pdu.length);
            }
            int code = pdu[1] & 0xFF;
            throw new FrameException(Reason.EXCEPTION_RESPONSE, code, "exception " + code + " (" + exceptionName(code) + ")");
        }
        if (fc != request.functionCode()) {
            throw new FrameException(Reason.WRONG_FUNCTION, "asked function " + request.functionCode() + ", answer has " + fc);
        }
        if (pdu.length < 2) {
            throw new FrameException(Reason.TOO_SHORT, "response PDU without byte count");
        }
        int byteCount = pdu[1] & 0xFF;
        if (byteCount != request.responseByteCount()) {
            throw new FrameException(Reason.BAD_LENGTH, "expected byte count " + request.responseByteCount()
                    + " for " + request.count() + (request.function().isBit() ? " bits" : " registers") + ", got " + byteCount);
        }
        if (pdu.length != 2 + byteCount) {
            throw new FrameException(Reason.BAD_LENGTH, "byte count " + byteCount + " but " + (pdu.length - 2) + " data bytes");
        }
        byte[] data = new byte[byteCount];
        System.arraycopy(pdu, 2, data, 0, byteCount);
        return data;
    }

    private static ReadRequest parseRequestPdu(int unitId, byte[] frame, int at) {
        int fc = frame[at] & 0xFF;
        RegisterFunction function = switch (fc) {
            case 1 -> RegisterFunction.COIL;
            case 2 -> RegisterFunction.DISCRETE;
            case 3 -> RegisterFunction.HOLDING;
            case 4 -> RegisterFunction.INPUT;
            default -> throw new FrameException(Reason.WRONG_FUNCTION, "function " + fc + " is not a read (1-4)");
        };
        return new ReadRequest(unitId, function, u16(frame, at + 1), u16(frame, at + 3));
    }

    private static byte[] registerResponsePdu(RegisterFunction function, int[] registers) {
        if (function.isBit()) {
            throw new FrameException(Reason.BAD_REQUEST, function + " carries bits, not registers");
        }
        if (registers.length < 1 || registers.length > MAX_REGISTERS) {
            throw new FrameException(Reason.BAD_REQUEST, registers.length + " registers outside 1.." + MAX_REGISTERS);
        }
        byte[] pdu = new byte[2 + 2 * registers.length];
        pdu[0] = (byte) function.readFunctionCode();
        pdu[1] = (byte) (2 * registers.length);
        for (int i = 0; i < registers.length; i++) {
            pdu[2 + 2 * i] = (byte) (registers[i] >>> 8);
            pdu[3 + 2 * i] = (byte) registers[i];
        }
        return pdu;
    }

    private static byte[] bitResponsePdu(RegisterFunction function, boolean[] bits) {
        if (!function.isBit()) {
            throw new FrameException(Reason.BAD_REQUEST, function + " carries registers, not bits");
        }
        if (bits.length < 1 || bits.length > MAX_BITS) {
            throw new FrameException(Reason.BAD_REQUEST, bits.length + " bits outside 1.." + MAX_BITS);
        }
        byte[] pdu = new byte[2 + (bits.length + 7) / 8];
        pdu[0] = (byte) function.readFunctionCode();
        pdu[1] = (byte) (pdu.length - 2);
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                pdu[2 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return pdu;
    }

    private static int[] registersOf(byte[] data) {
        int[] out = new int[data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = u16(data, 2 * i);
        }
        return out;
    }

    private static boolean[] bitsOf(byte[] data, int count) {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            out[i] = (data[i / 8] >> (i % 8) & 1) != 0;
        }
        return out;
    }

    private static void checkCrc(byte[] frame) {
        int n = frame.length - 2;
        int expected = crc16(frame, 0, n);
        int actual = (frame[n] & 0xFF) | (frame[n + 1] & 0xFF) << 8;
        if (expected != actual) {
            throw new FrameException(Reason.BAD_CRC, String.format("CRC is %04X, content gives %04X", actual, expected));
        }
    }

    private static void requireRegisterFunction(ReadRequest r) {
        if (r.function().isBit()) {
            throw new FrameException(Reason.BAD_REQUEST, r.function() + " reads bits: use the bit parser");
        }
    }

    private static void requireBitFunction(ReadRequest r) {
        if (!r.function().isBit()) {
            throw new FrameException(Reason.BAD_REQUEST, r.function() + " reads registers: use the register parser");
        }
    }

    /** Name of a Modbus exception code as the specification (V1.1b3, §7) gives it. */
    public static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "not defined by Modbus";
        };
    }

    private static byte[] prepend(int unitId, byte[] pdu) {
        byte[] out = new byte[pdu.length + 1];
        out[0] = (byte) unitId;
        System.arraycopy(pdu, 0, out, 1, pdu.length);
        return out;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
