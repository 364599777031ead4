package io.wattline.core.device;

import java.time.Instant;
import java.util.List;

/**
 * What an operator needs beyond the health figures to fix a device's communication: its recent
 * errors with their times, the points it cannot read and why, and the certificates the link
 * depends on (with a warning before one expires). A plain record that serialises to JSON as is.
 *
 * @param recentErrors  the latest distinct errors, newest first (a bounded list)
 * @param pointProblems points that are not read, each with its reason (refused by the server, unit mismatch, ...)
 * @param certificates  certificates the connection uses (ours and the server's); empty for protocols without
 */
public record DeviceDiagnostics(List<DeviceError> recentErrors, List<PointProblem> pointProblems,
        List<CertificateStatus> certificates) {

    public DeviceDiagnostics {
        recentErrors = List.copyOf(recentErrors);
        pointProblems = List.copyOf(pointProblems);
        certificates = List.copyOf(certificates);
    }

    /** One error and when it first happened (repeats of the same error do not add entries). */
    public record DeviceError(Instant time, String message) {
    }

    /** A point that is not read: {@code point} is the point name, {@code since} when the problem began. */
    public record PointProblem(String point, String problem, Instant since) {
    }

    /**
     * A certificate the connection depends on.
     *
     * @param role       {@code application} (ours, shown to the server) or {@code server}
     * @param thumbprint SHA-1 of the DER encoding, lower-case hex (what servers and tools display)
     * @param warning    set when it expires within 30 days or has expired, saying what to do; null otherwise
     */
    public record CertificateStatus(String role, String subject, String thumbprint, Instant notAfter,
            String warning) {
    }
}
