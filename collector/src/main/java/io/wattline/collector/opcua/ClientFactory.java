package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.core.plant.OpcUaEndpoint;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Builds a Milo client for a configured endpoint: discovers the server's endpoints, picks the one
 * with the configured policy and mode, and points it at the configured host and port.
 */
final class ClientFactory {

    private ClientFactory() {
    }

    static OpcUaClient create(String host, int port, OpcUaEndpoint endpoint, ApplicationCertificate certificate,
            CertificateValidator serverValidator, OpcUaCollectorOptions options) throws UaException {
        String url = endpoint.url(host, port);
        return OpcUaClient.create(url, offered -> select(offered, endpoint, host, port, serverValidator),
                transport -> { },
                b -> configure(b, endpoint, certificate, serverValidator, options));
    }

    static Optional<EndpointDescription> select(List<EndpointDescription> offered, OpcUaEndpoint endpoint,
            String host, int port, CertificateValidator serverValidator) {
        String policyUri = SecurityPolicy.valueOf(endpoint.securityPolicy()).getUri();
        MessageSecurityMode mode = MessageSecurityMode.valueOf(endpoint.securityMode());
        Optional<EndpointDescription> chosen = offered.stream()
                .filter(e -> policyUri.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .findFirst();
        if (chosen.isEmpty()) {
            List<String> offers = new ArrayList<>();
            offered.forEach(e -> offers.add(SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                    .map(Enum::name).orElse(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode()));
            throw new IllegalStateException("server offers no endpoint with " + endpoint.securityPolicy() + "/"
                    + endpoint.securityMode() + " (it offers " + String.join(", ", offers) + ")");
        }
        if (!"None".equals(endpoint.securityPolicy())) {
            checkServerCertificate(chosen.get(), serverValidator);
        }
        // Servers advertise their own idea of their host name (often unresolvable from here): use ours.
        return Optional.of(EndpointUtil.updateUrl(chosen.get(), host, port));
    }

    /**
     * Checks the server certificate against our trust list before any secure channel is opened:
     * a refusal then costs one log line of ours instead of a stack trace from the stack per attempt.
     */
    private static void checkServerCertificate(EndpointDescription chosen, CertificateValidator serverValidator) {
        try {
            List<X509Certificate> chain = CertificateUtil.decodeCertificates(chosen.getServerCertificate().bytesOrEmpty());
            serverValidator.validateCertificateChain(chain, chosen.getServer().getApplicationUri(), new String[0]);
        } catch (UaException e) {
            throw new ServerCertificateRejected(e);
        }
    }

    /** Our trust list does not accept the server's certificate. */
    static final class ServerCertificateRejected extends RuntimeException {
        ServerCertificateRejected(UaException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void configure(OpcUaClientConfigBuilder b, OpcUaEndpoint endpoint,
            ApplicationCertificate certificate, CertificateValidator serverValidator, OpcUaCollectorOptions options) {
        b.setApplicationName(LocalizedText.english("Wattline collector"))
                .setApplicationUri(certificate.applicationUri())
                .setProductUri("urn:wattline")
                .setKeyPair(certificate.keyPair())
                .setCertificate(certificate.certificate())
                .setCertificateChain(new X509Certificate[] {certificate.certificate()})
                .setCertificateValidator(serverValidator)
                .setRequestTimeout(uint(options.requestTimeout().toMillis()))
                .setSessionTimeout(uint(options.sessionTimeout().toMillis()))
                .setKeepAliveInterval(uint(options.keepAliveInterval().toMillis()))
                .setIdentityProvider(endpoint.hasUser()
                        ? new UsernameProvider(endpoint.username(), endpoint.password() == null ? "" : endpoint.password())
                        : AnonymousProvider.INSTANCE);
    }
}
