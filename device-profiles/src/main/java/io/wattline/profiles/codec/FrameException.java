package io.wattline.profiles.codec;

/**
 * A Modbus frame that must not be used: its reason says why (bad CRC, bad length, wrong unit or
 * function, an exception response). No value is ever taken from such a frame.
 */
public class FrameException extends RuntimeException {

    /** Why a frame was rejected. */
    public enum Reason {
        /** Fewer bytes than the smallest valid frame of its kind. */
        TOO_SHORT,
        /** The CRC-16 of an RTU frame does not match its content. */
        BAD_CRC,
        /** Length or byte count disagrees with the request or with itself. */
        BAD_LENGTH,
        /** Answer from another unit id than the one asked. */
        WRONG_UNIT,
        /** Answer with another function code than the one asked. */
        WRONG_FUNCTION,
        /** The device answered with a Modbus exception; see {@link #exceptionCode()}. */
        EXCEPTION_RESPONSE,
        /** MBAP header with a protocol id other than 0 or a transaction id other than the one sent. */
        BAD_HEADER,
        /** A request that Modbus does not allow (address or quantity out of range, unknown function). */
        BAD_REQUEST
    }

    private final Reason reason;
    private final int exceptionCode;

    public FrameException(Reason reason, String message) {
        this(reason, 0, message);
    }

    public FrameException(Reason reason, int exceptionCode, String message) {
        super(reason + ": " + message);
        this.reason = reason;
        this.exceptionCode = exceptionCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The Modbus exception code (1 illegal function, 2 illegal data address, ...), or 0. */
    public int exceptionCode() {
        return exceptionCode;
    }
}
