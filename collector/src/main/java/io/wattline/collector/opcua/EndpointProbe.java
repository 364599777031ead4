package io.wattline.collector.opcua;

import io.wattline.core.plant.OpcUaEndpoint;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;

/**
 * Asks a server for its endpoints (GetEndpoints, no session, no security) while our session to it
 * is away: tells whether it answers at all (and if not, why: refused, timeout, ...) and which
 * certificate it now presents on the configured endpoint, so that a renewed server certificate is
 * seen instead of failing secure-channel attempts with the old one for ever.
 */
final class EndpointProbe {

    /**
     * What the server answered.
     *
     * @param failure    why it could not be asked; null when it answered
     * @param thumbprint of the certificate on the configured endpoint; null without security, without
     *                   a matching endpoint, or when it did not answer
     */
    record Answer(String failure, String thumbprint) {

        boolean reachable() {
            return failure == null;
        }
    }

    private EndpointProbe() {
    }

    static Answer ask(String url, OpcUaEndpoint endpoint, Duration timeout, ConnectFailure.Where where) {
        List<EndpointDescription> offered;
        try {
            offered = ClientFactory.discover(url, timeout);
        } catch (UaException | RuntimeException e) {
            return new Answer(ConnectFailure.describe(e, where), null);
        }
        if ("None".equals(endpoint.securityPolicy())) {
            return new Answer(null, null);
        }
        return new Answer(null, ClientFactory.matching(offered, endpoint).flatMap(EndpointProbe::certificate)
                .map(CertificateFacts::thumbprint).orElse(null));
    }

    /** The leaf certificate an endpoint description carries, if it carries a readable one. */
    static Optional<X509Certificate> certificate(EndpointDescription e) {
        try {
            List<X509Certificate> chain = CertificateUtil.decodeCertificates(e.getServerCertificate().bytesOrEmpty());
            return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
        } catch (UaException ex) {
            return Optional.empty();
        }
    }
}
