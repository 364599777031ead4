package io.wattline.collector.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which server certificates the client accepts: those in a trust-list directory
 * ({@code trusted/certs/*.der}); rejected ones land in {@code rejected/} for an operator to move
 * over. Trusting every server is possible only when the configuration says so (the demo).
 */
record ServerTrust(CertificateValidator validator, FileBasedTrustListManager trustList) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);

    static ServerTrust open(Path trustDir, boolean trustAll) {
        if (trustAll) {
            return new ServerTrust(new CertificateValidator.InsecureCertificateValidator(), null);
        }
        try {
            // The trust list watches its directory: certificates added while running count at once.
            FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(trustDir);
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(trustDir.resolve("rejected"));
            return new ServerTrust(new DefaultClientCertificateValidator(trustList, quarantine), trustList);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the OPC UA trust list " + trustDir, e);
        }
    }

    @Override
    public void close() {
        if (trustList != null) {
            try {
                trustList.close();
            } catch (IOException e) {
                log.debug("trust list {} did not close cleanly: {}", trustList, e.toString());
            }
        }
    }
}
