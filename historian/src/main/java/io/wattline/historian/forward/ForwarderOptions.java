package io.wattline.historian.forward;

import java.time.Duration;

/**
 * Tuning of the forwarder.
 *
 * @param batchSamples most samples read and sent in one batch (before splitting into lines)
 * @param idlePoll how often a caught-up forwarder looks for new samples
 * @param initialBackoff first wait after a failed write; doubles on each further failure
 * @param maxBackoff longest wait between retries
 * @param watermarkInterval how often, at most, the watermark is stored while catching up (it is
 *     also stored whenever the forwarder is caught up, and on stop); after a crash at most this much
 *     is resent, which InfluxDB overwrites
 */
public record ForwarderOptions(int batchSamples, Duration idlePoll, Duration initialBackoff, Duration maxBackoff,
        Duration watermarkInterval) {

    public ForwarderOptions {
        if (batchSamples < 1) {
            throw new IllegalArgumentException("batchSamples must be at least 1, was " + batchSamples);
        }
    }

    public static ForwarderOptions defaults() {
        return new ForwarderOptions(50_000, Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(1));
    }

    public ForwarderOptions withMaxBackoff(Duration max) {
        return new ForwarderOptions(batchSamples, idlePoll, initialBackoff, max, watermarkInterval);
    }

    public ForwarderOptions withBatchSamples(int samples) {
        return new ForwarderOptions(samples, idlePoll, initialBackoff, maxBackoff, watermarkInterval);
    }
}
