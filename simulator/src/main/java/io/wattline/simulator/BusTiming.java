package io.wattline.simulator;

import io.wattline.profiles.codec.ReadRequest;
import java.time.Duration;

/**
 * Wire timing of a Modbus RTU serial line: how long characters, frames and the inter-frame
 * silence last at a baud rate. One character is 11 bits (start, 8 data, parity or a second stop
 * bit, stop), as the Modbus serial line specification counts it whatever the parity.
 *
 * @param baudRate          bits per second
 * @param bitsPerCharacter  11 for Modbus RTU; 10 models the common but non-conforming 8N1
 */
public record BusTiming(int baudRate, int bitsPerCharacter) {

    /** Bits per character that Modbus over serial line V1.02 (2.5.1) prescribes. */
    public static final int MODBUS_BITS_PER_CHARACTER = 11;
    /** Above this baud rate the specification fixes the silences instead of counting characters. */
    public static final int FIXED_SILENCE_ABOVE_BAUD = 19_200;
    /** t3.5 above 19200 baud (Modbus over serial line V1.02, 2.5.1.1). */
    public static final long FIXED_SILENCE_NANOS = 1_750_000;
    /** Bytes of an RTU read request (functions 1-4): unit, function, address, quantity, CRC. */
    public static final int READ_REQUEST_BYTES = 8;

    public BusTiming {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + baudRate);
        }
        if (bitsPerCharacter < 7 || bitsPerCharacter > 12) {
            throw new IllegalArgumentException("bits per character must be 7..12, got " + bitsPerCharacter);
        }
    }

    /** Modbus RTU timing (11 bits a character) at {@code baudRate}. */
    public static BusTiming modbus(int baudRate) {
        return new BusTiming(baudRate, MODBUS_BITS_PER_CHARACTER);
    }

    /** Time one character occupies the wire, rounded up to whole nanoseconds. */
    public long characterNanos() {
        return bytesNanos(1);
    }

    /** Time {@code bytes} back-to-back characters occupy the wire, rounded up. */
    public long bytesNanos(long bytes) {
        long bitsTimesBillion = bytes * bitsPerCharacter * 1_000_000_000L;
        return (bitsTimesBillion + baudRate - 1) / baudRate;
    }

    /** t3.5: the silence that ends a frame and must precede the next one. */
    public long silenceNanos() {
        if (baudRate > FIXED_SILENCE_ABOVE_BAUD) {
            return FIXED_SILENCE_NANOS;
        }
        long sevenHalves = 7L * bitsPerCharacter * 1_000_000_000L;
        long twiceBaud = 2L * baudRate;
        return (sevenHalves + twiceBaud - 1) / twiceBaud;
    }

    /**
     * What one request/response exchange costs on this bus as the emulator charges it: the request,
     * t3.5 (the slave sees the frame end), the slave's turnaround, the response, then t3.5 before the
     * master may send again. Summed over a plan this is the wire-time lower bound of a scan.
     */
    public long exchangeNanos(int requestBytes, int responseBytes, Duration turnaround) {
        return bytesNanos(requestBytes) + silenceNanos() + turnaround.toNanos() + bytesNanos(responseBytes)
                + silenceNanos();
    }

    /** A request that gets no answer: its bytes, then t3.5 (the master's timeout is not wire time). */
    public long unansweredNanos(int requestBytes) {
        return bytesNanos(requestBytes) + silenceNanos();
    }

    /** Bytes of an RTU register read response (functions 3, 4): unit, function, byte count, data, CRC. */
    public static int readResponseBytes(int registers) {
        return 5 + 2 * registers;
    }

    /** Bytes of an RTU bit read response (functions 1, 2): one data byte per 8 bits. */
    public static int bitResponseBytes(int bits) {
        return 5 + (bits + 7) / 8;
    }

    /** Bytes of the normal RTU response to {@code request}. */
    public static int responseBytes(ReadRequest request) {
        return 5 + request.responseByteCount();
    }

    /** {@link #exchangeNanos} of one read answered normally. */
    public long exchangeNanos(ReadRequest request, Duration turnaround) {
        return exchangeNanos(READ_REQUEST_BYTES, responseBytes(request), turnaround);
    }
}
