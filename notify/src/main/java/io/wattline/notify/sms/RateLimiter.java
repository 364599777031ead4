package io.wattline.notify.sms;

/**
 * Spaces hand-overs so that a transport never exceeds its configured rate (SMSC contracts and
 * modems both cap messages a second). One caller at a time: each transport sends from one thread.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    /** Waits until the next message may go. */
    public synchronized void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        // A quiet spell earns no burst: the schedule restarts from now.
        next = Math.max(next, now) + intervalNanos;
    }
}
