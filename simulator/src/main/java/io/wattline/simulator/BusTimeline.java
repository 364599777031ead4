package io.wattline.simulator;

/**
 * The emulated wire as a timeline ({@link System#nanoTime()} instants): a frame may start only
 * when the previous one and the t3.5 silence after it are over, and occupies the wire for its
 * characters. A pty hands the master's bytes over at once, so the time the first byte arrived is
 * when the master began to send, and the bus charges the rest. Not thread-safe: the bus thread owns it.
 */
final class BusTimeline {

    /** Where a request sits on the wire. */
    record Placed(long startNanos, long endNanos) {
    }

    private final BusTiming timing;
    private boolean idle = true;
    private long freeAtNanos;

    BusTimeline(BusTiming timing) {
        this.timing = timing;
    }

    /** Places a request that arrived between {@code firstArrival} and {@code lastArrival}; the bus is free after it and t3.5. */
    Placed placeRequest(long firstArrivalNanos, long lastArrivalNanos, int bytes) {
        long start = idle ? firstArrivalNanos : Math.max(firstArrivalNanos, freeAtNanos);
        long end = Math.max(start + timing.bytesNanos(bytes), lastArrivalNanos);
        idle = false;
        freeAtNanos = end + timing.silenceNanos();
        return new Placed(start, end);
    }

    /** When a slave's answer to {@code request} starts: after t3.5 marks the frame end, then its turnaround. */
    long responseStart(Placed request, long turnaroundNanos) {
        return request.endNanos() + timing.silenceNanos() + turnaroundNanos;
    }

    /** Places a response of {@code bytes} starting at {@code startNanos}; returns when its last byte ends. */
    long placeResponse(long startNanos, int bytes) {
        long end = startNanos + timing.bytesNanos(bytes);
        freeAtNanos = end + timing.silenceNanos();
        return end;
    }

    /** Earliest instant the next frame may start. */
    long freeAtNanos() {
        return freeAtNanos;
    }
}
