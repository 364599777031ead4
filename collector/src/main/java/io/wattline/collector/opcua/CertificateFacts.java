package io.wattline.collector.opcua;

import io.wattline.core.device.DeviceDiagnostics.CertificateStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * What an operator compares and watches about a certificate: its thumbprint (SHA-1 of the DER
 * encoding, as servers and tools show it) and its end of validity, with a warning from
 * {@link #WARN_BEFORE} ahead, so a renewal is planned instead of discovered as an outage.
 */
final class CertificateFacts {

    /** Warn this long before a certificate expires. */
    static final Duration WARN_BEFORE = Duration.ofDays(30);

    private CertificateFacts() {
    }

    /** Lower-case hex SHA-1 of the DER encoding. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the thumbprint of " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param role     {@code application} or {@code server}
     * @param whatToDo appended to the warning: how to renew it
     */
    static CertificateStatus status(String role, X509Certificate certificate, Instant now, String whatToDo) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new CertificateStatus(role, certificate.getSubjectX500Principal().getName(), thumbprint(certificate),
                notAfter, warning(role, notAfter, now, whatToDo));
    }

    /** Null while more than {@link #WARN_BEFORE} is left. */
    static String warning(String role, Instant notAfter, Instant now, String whatToDo) {
        String day = notAfter.atZone(ZoneOffset.UTC).toLocalDate().toString();
        if (!notAfter.isAfter(now)) {
            return "the OPC UA " + role + " certificate expired on " + day + " (UTC): " + whatToDo;
        }
        Duration left = Duration.between(now, notAfter);
        if (left.compareTo(WARN_BEFORE) > 0) {
            return null;
        }
        return "the OPC UA " + role + " certificate expires on " + day + " (UTC), in " + left.toDays() + " day(s): "
                + whatToDo;
    }
}
