package io.wattline.simulator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts the byte stream a master writes into RTU request frames. A pty delivers bytes without the
 * gaps a real line has, so the frame end comes from the length the function code implies; for a
 * function whose length cannot be told from its first bytes the caller ends the frame on silence
 * ({@link #takePartial()}).
 */
final class RtuFrameAssembler {

    /** A request frame and when its first and last bytes arrived ({@link System#nanoTime()}). */
    record Frame(byte[] bytes, long firstArrivalNanos, long lastArrivalNanos) {
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long firstArrivalNanos;
    private long lastArrivalNanos;

    void feed(byte[] chunk, int length, long arrivalNanos) {
        if (pending.size() == 0) {
            firstArrivalNanos = arrivalNanos;
        }
        lastArrivalNanos = arrivalNanos;
        pending.write(chunk, 0, length);
    }

    boolean hasPending() {
        return pending.size() > 0;
    }

    /** The next whole frame if its length is known and all its bytes are here. */
    Optional<Frame> takeComplete() {
        byte[] bytes = pending.toByteArray();
        int expected = expectedLength(bytes);
        if (expected <= 0 || bytes.length < expected) {
            return Optional.empty();
        }
        Frame frame = new Frame(Arrays.copyOf(bytes, expected), firstArrivalNanos, lastArrivalNanos);
        pending.reset();
        if (bytes.length > expected) {
            // the rest came in the same chunk: it starts the next frame at the same arrival time
            pending.write(bytes, expected, bytes.length - expected);
            firstArrivalNanos = lastArrivalNanos;
        }
        return Optional.of(frame);
    }

    /** Whatever has arrived, as one frame: the line went silent before the length was reached. */
    Frame takePartial() {
        Frame frame = new Frame(pending.toByteArray(), firstArrivalNanos, lastArrivalNanos);
        pending.reset();
        return frame;
    }

    /**
     * Length of a request frame from its first bytes, or 0 when not yet known or not knowable
     * (Modbus application protocol 1.1b3, section 6, request layouts plus unit id and CRC).
     */
    static int expectedLength(byte[] b) {
        if (b.length < 2) {
            return 0;
        }
        int function = b[1] & 0xFF;
        return switch (function) {
            case 1, 2, 3, 4, 5, 6, 8 -> 8;
            case 7, 11, 12, 17 -> 4;
            case 22 -> 10;
            case 15, 16 -> b.length < 7 ? 0 : 9 + (b[6] & 0xFF);
            case 23 -> b.length < 11 ? 0 : 13 + (b[10] & 0xFF);
            default -> 0;
        };
    }
}
