package io.wattline.simulator.opcua;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant's line PLC: a Milo OPC UA server on loopback reporting production counts, line
 * state and drive power per line (profile {@code wattline/line-plc}). Security None and
 * Basic256Sha256; anonymous; every client certificate accepted (it is a simulator).
 */
public final class LinePlcServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinePlcServer.class);
    static final String PATH = "/line-plc";
    private static final Duration TICK = Duration.ofMillis(500);

    private final int port;
    private final OpcUaServer server;
    private final LinePlcNamespace namespace;
    private final Map<String, LineModel> lines = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;

    private LinePlcServer(int port, List<String> lineNames, long seed) throws Exception {
        this.port = port;
        for (int i = 0; i < lineNames.size(); i++) {
            lines.put(lineNames.get(i), new LineModel(seed + i, 2.0, 0.02));
        }
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String applicationUri = "urn:wattline:demo:line-plc:server";
        X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("Wattline demo line PLC").setOrganization("Wattline")
                .setApplicationUri(applicationUri).addDnsName("localhost").addIpAddress("127.0.0.1").build();
        MemoryCertificateStore store = new MemoryCertificateStore();
        store.set(NodeIds.RsaSha256ApplicationCertificateType,
                new CertificateStore.Entry(keyPair.getPrivate(), new X509Certificate[] {certificate}));
        RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair kp) {
                return new X509Certificate[] {certificate};
            }
        };
        DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(new MemoryTrustListManager(),
                store, factory, new CertificateValidator.InsecureCertificateValidator());
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath(PATH)
                .setCertificate(certificate).setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english("Wattline demo line PLC"))
                .setProductUri("urn:wattline:demo:line-plc")
                .setBuildInfo(new BuildInfo("urn:wattline:demo:line-plc", "Wattline", "demo line PLC",
                        OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(Set.of(
                        base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                                .build(),
                        base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build()))
                .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine(), group))
                .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                .build();
        OpcTcpServerTransportConfig transport = OpcTcpServerTransportConfig.newBuilder().build();
        server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(transport));
        namespace = new LinePlcNamespace(server, lineNames);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "line-plc-" + port);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a PLC for the given lines on {@code port} (0: a free loopback port).
     *
     * @throws IllegalStateException if the server cannot be set up or bound
     */
    public static LinePlcServer start(int port, List<String> lineNames, long seed) {
        try {
            LinePlcServer plc = new LinePlcServer(port == 0 ? freePort() : port, lineNames, seed);
            plc.namespace.startup();
            plc.server.startup().get(30, TimeUnit.SECONDS);
            plc.ticker.scheduleAtFixedRate(plc::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
            log.info("demo line PLC at {} ({} line(s))", plc.endpointUrl(), lineNames.size());
            return plc;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the demo line PLC on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Picks the port now ({@code 0}: a free loopback port) and starts the PLC on a background
     * thread: its key generation and server start (a second or two on a small machine) then no
     * longer delay whoever starts it; clients connecting early are refused until it is up and retry.
     */
    public static Starting startInBackground(int port, List<String> lineNames, long seed) {
        return startInBackground(port, lineNames, seed, java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /**
     * Like {@link #startInBackground(int, List, long)}, but the server (its RSA key above all: seconds of
     * CPU with the C1-only JIT) starts only once {@code go} completes; closing before that cancels it.
     */
    public static Starting startInBackground(int port, List<String> lineNames, long seed,
            java.util.concurrent.CompletableFuture<Void> go) {
        int chosen;
        try {
            chosen = port == 0 ? freePort() : port;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot pick a port for the demo line PLC: " + e.getMessage(), e);
        }
        java.util.concurrent.CompletableFuture<LinePlcServer> server = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                go.join();
            } catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException e) {
                server.completeExceptionally(new IllegalStateException("demo line PLC on port " + chosen
                        + " closed before it was started", e));
                return;
            }
            try {
                server.complete(start(chosen, lineNames, seed));
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage());
                server.completeExceptionally(e);
            }
        }, "line-plc-start-" + chosen);
        t.setDaemon(true);
        t.start();
        return new Starting(chosen, server, go);
    }

    /** A PLC starting on a background thread ({@link #startInBackground}); closing waits for it, then stops it. */
    public record Starting(int port, java.util.concurrent.CompletableFuture<LinePlcServer> server,
            java.util.concurrent.CompletableFuture<Void> go) implements AutoCloseable {

        /** Lets a held server start (see {@link #startInBackground(int, List, long, java.util.concurrent.CompletableFuture)}). */
        public void release() {
            go.complete(null);
        }

        @Override
        public void close() {
            go.cancel(false);
            try {
                server.get(30, TimeUnit.SECONDS).close();
            } catch (java.util.concurrent.ExecutionException e) {
                // it never started: nothing to stop (the failure was logged)
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("demo line PLC on port {} still starting after 30 s; not stopped", port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void tick() {
        lines.forEach((name, model) -> {
            model.advance(TICK);
            namespace.set(name, "GoodCount", model.good());
            namespace.set(name, "ScrapCount", model.scrap());
            namespace.set(name, "State", model.state());
            namespace.set(name, "DrivePower", model.drivePowerKw());
        });
    }

    public int port() {
        return port;
    }

    /** {@code opc.tcp://127.0.0.1:<port>/line-plc}. */
    public String endpointUrl() {
        return "opc.tcp://127.0.0.1:" + port + PATH;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            server.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("demo line PLC on port {} did not shut down cleanly: {}", port, e.toString());
        }
        namespace.shutdown();
    }
}
