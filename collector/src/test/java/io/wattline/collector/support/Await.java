package io.wattline.collector.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, never for a fixed time, and fails with what was expected and what was seen. */
public final class Await {

    private Await() {
    }

    /** Checks {@code condition} every 20 ms until it holds; fails after {@code within}. */
    public static void until(BooleanSupplier condition, Duration within, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
