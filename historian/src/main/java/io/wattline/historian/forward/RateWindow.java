package io.wattline.historian.forward;

/** A rate over the last few seconds from a growing total, sampled whenever status is asked for. */
final class RateWindow {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private long baseTotal;
    private long baseNanos;
    private long prevTotal;
    private long prevNanos;
    private boolean started;

    synchronized double perSecond(long total, long nowNanos) {
        if (!started) {
            started = true;
            baseTotal = prevTotal = total;
            baseNanos = prevNanos = nowNanos;
            return 0;
        }
        if (nowNanos - prevNanos >= WINDOW_NANOS) {
            baseTotal = prevTotal;
            baseNanos = prevNanos;
            prevTotal = total;
            prevNanos = nowNanos;
        }
        long elapsed = nowNanos - baseNanos;
        return elapsed <= 0 ? 0 : (total - baseTotal) * 1e9 / elapsed;
    }
}
