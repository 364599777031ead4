package io.wattline.web.api;

import io.wattline.core.device.DeviceError;
import io.wattline.core.device.LearnedReadPlan;
import io.wattline.core.device.DeviceDiagnostics;
import java.time.Instant;
import java.util.List;

/**
 * JSON of {@code GET /api/devices}: one polled device's health with its display name and
 * transport. Figures not known yet are null.
 *
 * @param refusedPoints points the device refuses even alone (BAD with the reason, not asked again)
 * @param recentErrors  the last few failures with their times, newest first (late answers too)
 * @param learnedPlan   what the collector learned the device refuses, its reads now and the suggested
 *                      profile correction; null when nothing was learned
 * @param diagnostics   recent errors, points not read and certificates with their expiry, from collectors
 *                      that keep them (OPC UA); else null
 */
public record DeviceView(
        String id,
        String name,
        String profile,
        String connection,
        String transport,
        int unitId,
        String state,
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
        List<DeviceError> recentErrors,
        LearnedReadPlan learnedPlan,
        DeviceDiagnostics diagnostics) {
}
