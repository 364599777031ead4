package io.wattline.fleet.sparkplug;

/**
 * The edge node's message sequence number: 0 in NBIRTH, then one more in every message up to 255,
 * then 0 again (tck-id-payloads-sequence-num-incrementing); NDEATH carries none. Not thread-safe:
 * the edge node serialises its publications.
 */
public final class SequenceNumbers {

    private long next;

    /** The NBIRTH's number (always 0); the following messages continue from 1. */
    public long birth() {
        next = 1;
        return 0;
    }

    public long next() {
        long seq = next;
        next = (next + 1) % 256;
        return seq;
    }

    /** True when {@code seq} is the one that must follow {@code previous}. */
    public static boolean follows(long previous, long seq) {
        return seq == (previous + 1) % 256;
    }
}
