package io.wattline.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition, never for a fixed time: the one polling loop the collector's tests share. */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Checks {@code condition} until it holds; fails after {@code within} with what was expected and what was seen. */
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
                fail("waited " + within.toMillis() + " ms for " + what.get() + "; last: " + last);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
