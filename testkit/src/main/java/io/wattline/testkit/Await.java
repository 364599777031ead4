package io.wattline.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition, never for a fixed time: the one polling loop the modules' tests share.
 * Fails with an {@link AssertionError} that says what was awaited, for how long, and what was
 * last seen.
 */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Checks {@code condition} until it holds; fails after {@code within}. */
    public static void until(BooleanSupplier condition, Duration within, Supplier<String> what)
            throws InterruptedException {
        until(() -> condition.getAsBoolean() ? Boolean.TRUE : null, b -> true, within, what);
    }

    /**
     * Polls {@code value} until {@code done} holds (a null value never does) and returns it; fails
     * after {@code within} with what was awaited and the last value seen.
     */
    public static <T> T until(Supplier<T> value, Predicate<T> done, Duration within, String what)
            throws InterruptedException {
        return until(value, done, within, () -> what);
    }

    /**
     * Checks {@code condition} whenever {@code monitor} is notified, and at least every 50 ms, for
     * code that signals its changes with {@code notifyAll}.
     */
    public static void until(Object monitor, BooleanSupplier condition, Duration within, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + within.toMillis() + " ms for " + what.get());
                }
                monitor.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
    }

    private static <T> T until(Supplier<T> value, Predicate<T> done, Duration within, Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        T last;
        while (true) {
            last = value.get();
            if (last != null && done.test(last)) {
                return last;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("waited " + within.toMillis() + " ms for " + what.get() + "; last: " + last);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
