package io.wattline.collector.modbus;

import io.wattline.profiles.codec.ModbusFrames;

import java.util.Objects;

/**
 * A request (read or write) that gave no usable answer, with a kind the poller can act on (a timeout suggests a
 * dead device, an exception code a wrong address) and a short reason that BAD samples carry.
 */
public final class ModbusReadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No response within the connection's timeout. */
        TIMEOUT,
        /** The device answered with a Modbus exception response. */
        EXCEPTION_CODE,
        /** Connecting, writing or reading the socket failed. */
        IO,
        /** A response arrived but does not fit the request (CRC, length, function, transaction id). */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int exceptionCode;

    private ModbusReadException(Kind kind, int exceptionCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.exceptionCode = exceptionCode;
    }

    public static ModbusReadException timeout(String detail, Throwable cause) {
        return new ModbusReadException(Kind.TIMEOUT, 0, "timeout: " + detail, cause);
    }

    public static ModbusReadException exceptionCode(int code) {
        return new ModbusReadException(Kind.EXCEPTION_CODE, code,
                "exception " + code + " (" + exceptionName(code) + ")", null);
    }

    public static ModbusReadException io(String detail, Throwable cause) {
        return new ModbusReadException(Kind.IO, 0, "io: " + detail, cause);
    }

    public static ModbusReadException badResponse(String detail) {
        return new ModbusReadException(Kind.BAD_RESPONSE, 0, "bad response: " + detail, null);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the device says it does not have these registers (exception 02, illegal data address)
     * or will not read them this way (03, illegal data value): what the collector heals around.
     */
    public boolean isRefusal() {
        return kind == Kind.EXCEPTION_CODE && (exceptionCode == 2 || exceptionCode == 3);
    }

    /** The Modbus exception code for {@link Kind#EXCEPTION_CODE}, else 0. */
    public int exceptionCode() {
        return exceptionCode;
    }

    /**
     * The reason a BAD sample carries: {@code timeout}, {@code exception 2 (illegal data address)},
     * {@code io: ...}, {@code bad response: crc error ...}, {@code bad response: ...}.
     */
    public String reason() {
        return kind == Kind.TIMEOUT ? "timeout" : getMessage();
    }

    /** Name of a Modbus exception code as the specification gives it (one table, in the frame codec). */
    public static String exceptionName(int code) {
        return ModbusFrames.exceptionName(code);
    }
}
