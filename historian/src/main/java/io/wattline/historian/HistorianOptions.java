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
 */
public record HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_MAX_SAMPLES = 10_000;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(200);

    public HistorianOptions {
        Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
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

    public static HistorianOptions defaults() {
        return new HistorianOptions(DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_MAX_SAMPLES, DEFAULT_BATCH_MAX_DELAY);
    }

    public HistorianOptions withQueueCapacity(int capacity) {
        return new HistorianOptions(capacity, batchMaxSamples, batchMaxDelay);
    }

    public HistorianOptions withBatchMaxSamples(int samples) {
        return new HistorianOptions(queueCapacity, samples, batchMaxDelay);
    }

    public HistorianOptions withBatchMaxDelay(Duration delay) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, delay);
    }
}
