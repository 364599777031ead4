package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.core.plant.OpcUaEndpoint;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;

/**
 * Builds a Milo client for a configured endpoint: discovers the server's endpoints, picks the one
 * with the configured policy and mode, and points it at the configured host and port.
 */
final class ClientFactory {

    private ClientFactory() {
    }

    static OpcUaClient create(String host, int port, OpcUaEndpoint endpoint, ApplicationCertificate certificate,
            CertificateValidator serverValidator, OpcUaCollectorOptions options) throws UaException {
        return create(host, port, endpoint, certificate, serverValidator, options, roundTrip -> { });
    }

    /**
     * Discovers the server's endpoints afresh (so a renewed server certificate is seen), selects the
     * configured one and builds a client whose transport reports each service call's round trip.
     *
     * @param roundTripMillis told the round trip of every answered call but publishes; must not block
     */
    static OpcUaClient create(String host, int port, OpcUaEndpoint endpoint, ApplicationCertificate certificate,
            CertificateValidator serverValidator, OpcUaCollectorOptions options, DoubleConsumer roundTripMillis)
            throws UaException {
        String url = endpoint.url(host, port);
        List<EndpointDescription> offered = discover(url, options.requestTimeout());
        EndpointDescription chosen = select(offered, endpoint, host, port, serverValidator).orElseThrow();
        OpcUaClientConfigBuilder b = OpcUaClientConfig.builder();
        b.setEndpoint(chosen);
        b.setDiscoveryEndpoints(offered);
        b.setSessionEndpointValidationEnabled(false);
        configure(b, endpoint, certificate, serverValidator, options);
        return new OpcUaClient(b.build(), new TimedTransport(OpcTcpClientTransportConfig.newBuilder().build(),
                roundTripMillis));
    }

    /** GetEndpoints at {@code url}, waiting at most {@code timeout} for the answer. */
    static List<EndpointDescription> discover(String url, Duration timeout) throws UaException {
        try {
            return DiscoveryClient.getEndpoints(url).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UaException ua ? ua : new UaException(StatusCodes.Bad_CommunicationError,
                    e.getCause());
        } catch (TimeoutException e) {
            throw new UaException(StatusCodes.Bad_Timeout, "no answer to GetEndpoints within " + timeout.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UaException(StatusCodes.Bad_UnexpectedError, e);
        }
    }

    /** The offered endpoint with the configured security policy and mode, if any. */
    static Optional<EndpointDescription> matching(List<EndpointDescription> offered, OpcUaEndpoint endpoint) {
        String policyUri = SecurityPolicy.valueOf(endpoint.securityPolicy()).getUri();
        MessageSecurityMode mode = MessageSecurityMode.valueOf(endpoint.securityMode());
        return offered.stream()
                .filter(e -> policyUri.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .findFirst();
    }

    static Optional<EndpointDescription> select(List<EndpointDescription> offered, OpcUaEndpoint endpoint,
            String host, int port, CertificateValidator serverValidator) {
        Optional<EndpointDescription> chosen = matching(offered, endpoint);
        if (chosen.isEmpty()) {
            List<String> offers = new ArrayList<>();
            offered.forEach(e -> offers.add(SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                    .map(Enum::name).orElse(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode()));
            throw new IllegalStateException("server offers no endpoint with " + endpoint.securityPolicy() + "/"
                    + endpoint.securityMode() + " (it offers " + String.join(", ", offers) + ")");
        }
        if (!"None".equals(endpoint.securityPolicy())) {
            X509Certificate server = checkServerCertificate(chosen.get(), serverValidator);
            if (server != null && endpoint.checkServerHostname() && !endpoint.trustAllServers()) {
                ServerIdentity.mismatch(server, host, chosen.get().getServer().getApplicationUri(),
                        endpoint.url(host, port)).ifPresent(why -> {
                            throw new ServerIdentityMismatch(why);
                        });
            }
        }
        // Servers advertise their own idea of their host name (often unresolvable from here): use ours.
        return Optional.of(EndpointUtil.updateUrl(chosen.get(), host, port));
    }

    /**
     * Checks the server certificate against our trust list before any secure channel is opened:
     * a refusal then costs one log line of ours instead of a stack trace from the stack per attempt.
     *
     * @return the server's certificate; null when it sent none
     */
    private static X509Certificate checkServerCertificate(EndpointDescription chosen, CertificateValidator serverValidator) {
        List<X509Certificate> chain;
        try {
            chain = CertificateUtil.decodeCertificates(chosen.getServerCertificate().bytesOrEmpty());
        } catch (UaException e) {
            throw new ServerCertificateRejected(e, null);
        }
        try {
            ServerTrust.validateTrust(serverValidator, chain, chosen.getServer().getApplicationUri());
        } catch (UaException e) {
            throw new ServerCertificateRejected(e, chain.isEmpty() ? null : CertificateFacts.thumbprint(chain.get(0)));
        }
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** A trusted server certificate that names another host or application (the message says which, in zh and en). */
    static final class ServerIdentityMismatch extends RuntimeException {
        ServerIdentityMismatch(String why) {
            super(why);
        }
    }

    /** Our trust list does not accept the server's certificate (thumbprint null when it could not be decoded). */
    static final class ServerCertificateRejected extends RuntimeException {
        private final String thumbprint;

        ServerCertificateRejected(UaException cause, String thumbprint) {
            super(cause.getMessage(), cause);
            this.thumbprint = thumbprint;
        }

        String thumbprint() {
            return thumbprint;
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
