package io.wattline.core.notification;

import java.time.Duration;

/**
 * How the outbox retries a message a transport could not take: after {@code firstDelay}, doubling
 * up to {@code maxDelay}, at most {@code maxAttempts} times a channel before trying the person's
 * next channel or giving up.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofMinutes(5));

    /** The wait after failed attempt number {@code attempt} (1 = the first). */
    public Duration delayAfter(int attempt) {
        Duration d = firstDelay;
        for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
