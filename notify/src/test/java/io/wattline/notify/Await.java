package io.wattline.notify;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition, never for a fixed time: checks it whenever {@code monitor} is notified
 * (and at least every 50 ms), and fails with what was expected and what was seen.
 */
public final class Await {

    private Await() {
    }

    public static void until(Object monitor, BooleanSupplier condition, Duration within, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + within + ": " + what.get());
                }
                monitor.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
    }

    public static void until(BooleanSupplier condition, Duration within, Supplier<String> what)
            throws InterruptedException {
        until(new Object(), condition, within, what);
    }
}
