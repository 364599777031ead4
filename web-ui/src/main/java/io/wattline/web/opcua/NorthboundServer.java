package io.wattline.web.opcua;

import io.wattline.alarms.AlarmEngine;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.ApplicationCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.security.TrustListManager;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The north-bound OPC UA server (Milo): every plant point under {@code Objects/Plant}, updated
 * live from the sample bus, and (when given) the alarms under {@code Objects/Alarms}, read-only, with security None and Basic256Sha256 (Sign,
 * SignAndEncrypt) and the users from configuration.
 */
public final class NorthboundServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NorthboundServer.class);
    static final String PATH = "/wattline";
    public static final String APPLICATION_URI = "urn:wattline:server";

    private final NorthboundOptions options;
    private final OpcUaServer server;
    private final PlantNamespace namespace;
    private final FileBasedTrustListManager trustList;
    private final SampleBus bus;
    private AlarmNamespace alarms;
    private AlarmEngine alarmEngine;
    private Disposable feed;

    public NorthboundServer(List<ExposedPoint> points, SampleBus bus, NorthboundOptions options) {
        this.options = options;
        this.bus = bus;
        ApplicationCertificate certificate = ApplicationCertificate.loadOrCreate(options.dataDir().resolve("opcua"),
                "server", APPLICATION_URI);
        try {
            Path pki = options.dataDir().resolve("opcua/server-pki");
            TrustListManager trust;
            CertificateValidator validator;
            if (options.trustAllClients()) {
                trustList = null;
                trust = new MemoryTrustListManager();
                validator = new CertificateValidator.InsecureCertificateValidator();
            } else {
                trustList = FileBasedTrustListManager.createAndInitialize(pki);
                trust = trustList;
                validator = new DefaultServerCertificateValidator(trustList,
                        FileBasedCertificateQuarantine.create(pki.resolve("rejected")));
            }
            MemoryCertificateStore store = new MemoryCertificateStore();
            store.set(NodeIds.RsaSha256ApplicationCertificateType, new CertificateStore.Entry(
                    certificate.keyPair().getPrivate(), new X509Certificate[] {certificate.certificate()}));
            X509Certificate own = certificate.certificate();
            RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
                @Override
                protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
                    return new X509Certificate[] {own};
                }
            };
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trust, store, factory, validator);
            OpcUaServerConfig config = OpcUaServerConfig.builder()
                    .setApplicationUri(APPLICATION_URI)
                    .setApplicationName(LocalizedText.english("Wattline"))
                    .setProductUri("urn:wattline")
                    .setBuildInfo(new BuildInfo("urn:wattline", "Wattline", "Wattline north-bound server",
                            OpcUaServer.SDK_VERSION, "", DateTime.now()))
                    .setEndpoints(endpoints(own))
                    .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine(), group))
                    .setIdentityValidator(identityValidator())
                    .build();
            OpcTcpServerTransportConfig transport = OpcTcpServerTransportConfig.newBuilder().build();
            server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(transport));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the OPC UA server trust list under " + options.dataDir(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the north-bound OPC UA server: " + e.getMessage(), e);
        }
        namespace = new PlantNamespace(server, points);
    }

    private Set<EndpointConfig> endpoints(X509Certificate certificate) {
        List<UserTokenPolicy> tokens = new ArrayList<>();
        if (options.allowAnonymous()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        if (options.hasUsers()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        }
        Set<EndpointConfig> out = new LinkedHashSet<>();
        if (options.allowAnonymous()) {
            // unsecured only for anonymous sessions: a password never travels over None
            out.add(endpoint(certificate).setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None)
                    .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build());
        }
        EndpointConfig.Builder base = endpoint(certificate).addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new));
        out.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.Sign)
                .build());
        out.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        return out;
    }

    private EndpointConfig.Builder endpoint(X509Certificate certificate) {
        return EndpointConfig.newBuilder()
                .setBindAddress(options.bindAddress())
                .setHostname(options.hostname())
                .setBindPort(options.port())
                .setPath(PATH)
                .setCertificate(certificate)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY);
    }

    private IdentityValidator identityValidator() {
        UsernameIdentityValidator users = new UsernameIdentityValidator(challenge -> {
            String expected = options.users().get(challenge.getUsername());
            if (expected != null) {
                return expected.equals(challenge.getPassword());
            }
            return options.accounts() != null && options.accounts().test(challenge.getUsername(), challenge.getPassword());
        });
        return options.allowAnonymous() ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, users) : users;
    }

    /** Publishes the alarm engine's alarms under {@code Objects/Alarms} too; call before {@link #start()}. */
    public NorthboundServer withAlarms(AlarmEngine engine) {
        alarmEngine = engine;
        alarms = new AlarmNamespace(server, engine);
        return this;
    }

    /** Builds the address space, starts listening and follows the live samples (and alarms). */
    public NorthboundServer start() {
        namespace.startup();
        if (alarms != null) {
            alarms.startup();
            AlarmNamespace published = alarms;
            alarmEngine.addListener(event -> published.refresh(alarmEngine.alarms()));
        }
        try {
            server.startup().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the north-bound OPC UA server cannot listen on " + options.bindAddress()
                    + ":" + options.port() + ": " + rootMessage(e), e);
        }
        bus.latest().values().forEach(namespace::apply);
        // apply() only sets a node value: it never blocks the bus that calls it.
        feed = bus.stream().subscribe(namespace::apply,
                e -> log.warn("north-bound OPC UA server stopped following live samples: {}", e.toString()));
        log.info("north-bound OPC UA server at {} ({}Basic256Sha256 Sign/SignAndEncrypt; {}{})",
                options.endpointUrl(), options.allowAnonymous() ? "None, " : "",
                options.allowAnonymous() ? "anonymous" : "no anonymous",
                options.accounts() != null ? ", the application's users" : options.users().isEmpty() ? ""
                        : ", " + options.users().size() + " configured user(s)");
        if (options.allowAnonymous() && !options.bindAddress().startsWith("127.")) {
            log.warn("north-bound OPC UA server on {} admits anonymous clients: anyone on the network reads every point",
                    options.bindAddress());
        }
        return this;
    }

    public String endpointUrl() {
        return options.endpointUrl();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.dispose();
        }
        try {
            server.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("north-bound OPC UA server did not shut down cleanly: {}", rootMessage(e));
        }
        namespace.shutdown();
        if (alarms != null) {
            alarms.shutdown();
        }
        if (trustList != null) {
            try {
                trustList.close();
            } catch (IOException e) {
                log.debug("server trust list did not close cleanly: {}", e.toString());
            }
        }
    }
}
