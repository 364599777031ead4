package io.wattline.historian;

import java.time.Instant;

/**
 * What the forwarder to InfluxDB is doing, for {@code GET /api/historian/status} and metrics.
 *
 * @param target where lines go (URL and database, no credentials)
 * @param state {@code forwarding} (caught up or shipping), {@code retrying} (target failing,
 *     backing off) or {@code stopped}
 * @param watermark highest seq the target has confirmed
 * @param bufferDepth committed samples not yet forwarded (last committed seq minus watermark)
 * @param lagSeconds age of the oldest sample not yet forwarded (by its sample time), 0 when caught up
 * @param forwardedSamples samples confirmed by the target since start
 * @param samplesPerSecond forwarding rate over the last few seconds
 * @param requests write requests sent since start (retries and bisection included)
 * @param quarantinedLines lines the target refused for their content, kept under
 *     {@code <data>/quarantine/}
 * @param lastSuccess time of the last confirmed write, null if none
 * @param lastError the last failure, null if none since start
 * @param lastErrorAt when it happened, null if none
 */
public record ForwarderStatus(String target, String state, long watermark, long bufferDepth, double lagSeconds,
        long forwardedSamples, double samplesPerSecond, long requests, long quarantinedLines, Instant lastSuccess,
        String lastError, Instant lastErrorAt) {
}
