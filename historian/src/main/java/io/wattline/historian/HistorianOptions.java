package io.wattline.historian;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the local store's writer. A batch is committed when it holds {@code batchMaxSamples}
 * samples or {@code batchMaxDelay} after its first sample, whichever comes first; that delay is
 * also the most a process crash can lose beyond what is still queued.
 *
 * @param queueCapacity samples the writer queue holds before {@code offer} refuses
 * @param batchMaxSamples most samples the writer commits in one transaction of its own timing; a {@code flush} commits
 *     everything queued when it was asked for in one transaction (at most {@code queueCapacity})
 * @param batchMaxDelay longest a sample waits in an open batch before it is committed
 * @param rawRetention how long raw samples are kept (rollups are kept indefinitely); a raw sample
 *     older than this is deleted only once it is rolled up and, with a forwarder, forwarded
 * @param minFreeBytes low-space watermark: below this much usable space on the data volume the
 *     store stops writing (samples queue, then are refused and counted) until space returns;
 *     {@link #AUTO_MIN_FREE} = the smaller of 200 MB and 1 % of the volume
 * @param memoryLimitBytes DuckDB {@code memory_limit} (all queries of the store together; larger
 *     sorts spill to {@code <data>/wattline.duckdb.tmp}); 0 = DuckDB's own default (80 % of RAM)
 * @param threads DuckDB {@code threads}; 0 = DuckDB's own default (one per core)
 */
public record HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay, Duration rawRetention,
        long minFreeBytes, long memoryLimitBytes, int threads) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_MAX_SAMPLES = 10_000;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    /** {@code minFreeBytes} meaning: the smaller of 200 MB and 1 % of the data volume. */
    public static final long AUTO_MIN_FREE = -1;
    /** Default DuckDB memory limit: sized with the demo's 192 MB heap for an RSS under 400 MB. */
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_THREADS = 2;

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
        if (minFreeBytes < AUTO_MIN_FREE) {
            throw new IllegalArgumentException("minFreeBytes must be -1 (auto) or at least 0, was " + minFreeBytes);
        }
        if (memoryLimitBytes < 0 || (memoryLimitBytes > 0 && memoryLimitBytes < 16L * 1024 * 1024)) {
            throw new IllegalArgumentException("memoryLimitBytes must be 0 (DuckDB's default) or at least 16 MB, was "
                    + memoryLimitBytes);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (DuckDB's default) or more, was " + threads);
        }
    }

    /** Options with the default low-space watermark, memory limit and threads. */
    public HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay, Duration rawRetention) {
        this(queueCapacity, batchMaxSamples, batchMaxDelay, rawRetention, AUTO_MIN_FREE, DEFAULT_MEMORY_LIMIT_BYTES,
                DEFAULT_THREADS);
    }

    /** Options with the default raw retention of 30 days. */
    public HistorianOptions(int queueCapacity, int batchMaxSamples, Duration batchMaxDelay) {
        this(queueCapacity, batchMaxSamples, batchMaxDelay, DEFAULT_RAW_RETENTION);
    }

    public static HistorianOptions defaults() {
        return new HistorianOptions(DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_MAX_SAMPLES, DEFAULT_BATCH_MAX_DELAY);
    }

    public HistorianOptions withRawRetention(Duration retention) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, batchMaxDelay, retention, minFreeBytes,
                memoryLimitBytes, threads);
    }

    public HistorianOptions withQueueCapacity(int capacity) {
        return new HistorianOptions(capacity, batchMaxSamples, batchMaxDelay, rawRetention, minFreeBytes,
                memoryLimitBytes, threads);
    }

    public HistorianOptions withBatchMaxSamples(int samples) {
        return new HistorianOptions(queueCapacity, samples, batchMaxDelay, rawRetention, minFreeBytes,
                memoryLimitBytes, threads);
    }

    public HistorianOptions withBatchMaxDelay(Duration delay) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, delay, rawRetention, minFreeBytes,
                memoryLimitBytes, threads);
    }

    /** Low-space watermark in bytes ({@link #AUTO_MIN_FREE}: the smaller of 200 MB and 1 % of the volume). */
    public HistorianOptions withMinFreeBytes(long bytes) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, batchMaxDelay, rawRetention, bytes,
                memoryLimitBytes, threads);
    }

    /** DuckDB memory limit in bytes (0: DuckDB's default) and worker threads (0: DuckDB's default). */
    public HistorianOptions withDuckDb(long memoryLimit, int duckDbThreads) {
        return new HistorianOptions(queueCapacity, batchMaxSamples, batchMaxDelay, rawRetention, minFreeBytes,
                memoryLimit, duckDbThreads);
    }
}
