package io.wattline.web.api;

import io.wattline.core.device.DeviceDiagnostics;
import java.time.Instant;

/**
 * JSON of {@code GET /api/devices}: one polled device's health with its display name and
 * transport. Figures not known yet are null. {@code diagnostics} (recent errors, points not read,
 * certificates with their expiry) is given by collectors that keep them (OPC UA), else null.
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
        DeviceDiagnostics diagnostics) {
}
