package io.wattline.collector.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.validation.ValidationCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which server certificates the client accepts: those in a trust-list directory
 * ({@code trusted/certs/*.der}); rejected ones land in {@code rejected/} for an operator to move
 * over. Trusting every server is possible only when the configuration says so (the demo). With
 * {@code checkIdentity} the stack also insists, at every secure channel, that the certificate names
 * the host and application URI of the endpoint ({@link ServerIdentity} says why before that);
 * without it those checks are skipped quietly (the opt-out is logged once by the connection).
 */
record ServerTrust(CertificateValidator validator, FileBasedTrustListManager trustList) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);

    static ServerTrust open(Path trustDir, boolean trustAll) {
        return open(trustDir, trustAll, true);
    }

    static ServerTrust open(Path trustDir, boolean trustAll, boolean checkIdentity) {
        if (trustAll) {
            return new ServerTrust(new CertificateValidator.InsecureCertificateValidator(), null);
        }
        try {
            // The trust list watches its directory: certificates added while running count at once.
            FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(trustDir);
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(trustDir.resolve("rejected"));
            if (checkIdentity) {
                return new ServerTrust(new DefaultClientCertificateValidator(trustList,
                        Set.of(ValidationCheck.HOSTNAME, ValidationCheck.APPLICATION_URI), quarantine), trustList);
            }
            return new ServerTrust(new IdentityUnchecked(new DefaultClientCertificateValidator(trustList, quarantine)),
                    trustList);
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

    /** Checks {@code chain} against the trust list only; the names are {@link ServerIdentity}'s business. */
    static void validateTrust(CertificateValidator validator, List<X509Certificate> chain, String applicationUri)
            throws UaException {
        new IdentityUnchecked(validator).validateCertificateChain(chain, applicationUri, new String[0]);
    }

    /**
     * Trust list only: hands the stack the certificate's own names as the expected ones, so Milo's
     * optional host name and URI checks pass instead of logging "check suppressed" per connect.
     */
    private record IdentityUnchecked(CertificateValidator delegate) implements CertificateValidator {

        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String[] hostNames)
                throws UaException {
            if (chain.isEmpty()) {
                delegate.validateCertificateChain(chain, applicationUri, hostNames);
                return;
            }
            ServerIdentity.Names names = ServerIdentity.Names.of(chain.get(0));
            List<String> hosts = new ArrayList<>(names.dns());
            hosts.addAll(names.ips());
            delegate.validateCertificateChain(chain, names.uris().isEmpty() ? applicationUri : names.uris().get(0),
                    hosts.isEmpty() ? hostNames : hosts.toArray(String[]::new));
        }
    }
}
