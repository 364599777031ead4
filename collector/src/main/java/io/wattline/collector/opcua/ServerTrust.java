package io.wattline.collector.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;

/**
 * Which server certificates the client accepts: those in a trust-list directory
 * ({@code trusted/certs/*.der}), rejected ones land in {@code rejected/} for an operator to move
 * over. Trusting every server is possible only when the configuration says so (the demo).
 */
final class ServerTrust {

    private ServerTrust() {
    }

    static CertificateValidator validator(Path trustDir, boolean trustAll) {
        if (trustAll) {
            return new CertificateValidator.InsecureCertificateValidator();
        }
        try {
            FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(trustDir);
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(trustDir.resolve("rejected"));
            return new DefaultClientCertificateValidator(trustList, quarantine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the OPC UA trust list " + trustDir, e);
        }
    }
}
