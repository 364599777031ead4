package io.wattline.core.device;

import java.time.Instant;
import java.util.List;

/**
 * One device's communication health at a moment (a plain record that serialises to JSON as is:
 * figures not known yet are null, never NaN).
 *
 * @param successRatio   answered requests ÷ requests over the last {@code window} requests; null before the first
 * @param latencyMeanMs  mean request-to-answer time of the recent answered requests; null before the first answer
 * @param latencyP95Ms   95th percentile of the same (nearest rank); null before the first answer
 * @param lastError      reason of the last failed request ({@code timeout}, {@code exception 2 (...)}), null if none
 * @param lastErrorTime  when it failed, null if never
 * @param lastGoodTime   when the device last answered, null if never
 * @param consecutiveFailures requests without an answer since the last answer
 * @param nextProbeTime  when an OFFLINE device is probed next; null unless OFFLINE
 * @param requests       requests sent since start (probes and retries included)
 * @param failures       of those, how many failed
 * @param refusedPoints  points the device refuses (exception 02/03 even when read alone); it is ONLINE
 *                       all the same when it answers everything else
 * @param recentErrors   the last few failures with their times, newest first (also late answers)
 */
public record DeviceHealth(
        String meterId,
        String connectionId,
        int unitId,
        DeviceState state,
        Double successRatio,
        Double latencyMeanMs,
        Double latencyP95Ms,
        String lastError,
        Instant lastErrorTime,
        Instant lastGoodTime,
        int consecutiveFailures,
        Instant nextProbeTime,
        long requests,
        long failures,
        int refusedPoints,
        List<DeviceError> recentErrors) {

    public DeviceHealth {
        recentErrors = recentErrors == null ? List.of() : List.copyOf(recentErrors);
    }

    /** Health without refused points or an error history (what an OPC UA connection reports today). */
    public DeviceHealth(String meterId, String connectionId, int unitId, DeviceState state, Double successRatio,
            Double latencyMeanMs, Double latencyP95Ms, String lastError, Instant lastErrorTime, Instant lastGoodTime,
            int consecutiveFailures, Instant nextProbeTime, long requests, long failures) {
        this(meterId, connectionId, unitId, state, successRatio, latencyMeanMs, latencyP95Ms, lastError, lastErrorTime,
                lastGoodTime, consecutiveFailures, nextProbeTime, requests, failures, 0, List.of());
    }

    /**
     * OFFLINE only because nothing has been sent yet: no request, no answer, no failure. Every
     * device starts so, and the last meter of a slow RS-485 bus stays so for its first scan; it is
     * not known to be lost.
     */
    public boolean notYetAsked() {
        return state == DeviceState.OFFLINE && requests == 0 && lastErrorTime == null && lastGoodTime == null;
    }
}
