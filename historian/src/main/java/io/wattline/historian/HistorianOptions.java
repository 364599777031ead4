package io.wattline.historian;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the local store's writer. A batch is committed when it holds {@code batchMaxSamples}
 * samples or {@code batchMaxDelay} after its first sample, whichever comes first; that delay is
 * also the most a process crash can lose beyond what is still queued.
 *
 * @param queueCapacity samples the writer queue holds before {@code offer} refuses
 * @param batchMaxSamples most samples committed in one transaction
 * @param batchMaxDelay longest a sample waits in an open batch before it is committed
 * @param rawRetention how long raw samples are kept (rollups are kept indefinitely); a raw sample
 *     older than this is deleted only once it is rolled up and, with a forwarder, forwarded
 */
public record HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay, Duration rawRetention) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_MAX_SAMPLES = 10_000;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);

    public HistorianOptions {
        Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
        Objects.requireNonNull(rawRetention, "rawRetention");
        if (rawRetention.isNegative() || rawRetention.isZero()) {
            throw new IllegalArgumentException("rawRetention must be positive, was " + rawRetention);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        if (batchMaxSamples < 1) {
            throw new IllegalArgumentException("batchMaxSamples must be at least 1, was " + batchMaxSamples);
        }
        if (batchMaxDelay.isNegative()) {
            throw new IllegalArgumentException("batchMaxDelay must not be negative, was " + batchMaxDelay);
        }
    }

    /** Options with the default raw retention of 30 days. */
    public HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay) {
        this(queueCapacity, batchMaxSamples, batchMaxDelay, DEFAULT_RAW_RETENTION);
    }

    public static HistorianOptions defaults() {
        return new HistorianOptions(DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_MAX_SAMPLES, DEFAULT_BATCH_MAX_DELAY);
    }

    public HistorianOptions withRawRetention(Duration retention) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, batchMaxDelay, retention);
    }

    public HistorianOptions withQueueCapacity(int capacity) {
        return new HistorianOptions(capacity, batchMaxSamples, batchMaxDelay, rawRetention);
    }

    public HistorianOptions withBatchMaxSamples(int samples) {
        return new HistorianOptions(queueCapacity, samples, batchMaxDelay, rawRetention);
    }

    public HistorianOptions withBatchMaxDelay(Duration delay) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, delay, rawRetention);
    }
}
