package io.wattline.bench;

import com.sun.management.OperatingSystemMXBean;
import io.wattline.core.device.DeviceHealth;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.collector.opcua.OpcUaCollectorOptions;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
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
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import reactor.core.Disposable;

/**
 * The OPC UA collector subscribed to 10,000 Double variables that change every second on a Milo
 * server on loopback (same process), monitored at a 1 s sampling interval. Prints the collector's
 * notifications per second on the sample bus, process CPU over wall time with the server ticking
 * alone as the baseline (same run, same process), the 95th percentile of server timestamp (the
 * server's sampling) → sample published, and of value change (source timestamp) → published.
 */
final class OpcUaSubscribeBenchmark implements Benchmark {

    private static final String NAMESPACE = "urn:wattline:bench";

    @Override
    public String name() {
        return "opcua-subscribe";
    }

    @Override
    public String description() {
        return "OPC UA collector: 10,000 monitored items at 1 s from a Milo server on loopback";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int items = args.isEmpty() ? 10_000 : Integer.parseInt(args.get(0));
        double seconds = args.size() < 2 ? 30 : Double.parseDouble(args.get(1));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path data = Files.createTempDirectory("wattline-bench-opcua");
        BenchServer server = BenchServer.start(port, items);
        try {
            out.printf("server: %d Double variables on opc.tcp://127.0.0.1:%d/bench, all changed every 1 s%n", items, port);
            Thread.sleep(2000);
            double serverOnly = cpuPercent(os, Duration.ofSeconds(10));
            out.printf("baseline: server ticking alone, cpu_percent=%.1f%n", serverOnly);

            SampleBus bus = new SampleBus();
            AtomicLong notifications = new AtomicLong();
            long[] latencyMicros = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) (items * (seconds + 5) * 1.5))];
            AtomicInteger latencyCount = new AtomicInteger();
            AtomicLong measuring = new AtomicLong(0);
            // The devices' comm_* health points are not server notifications: leave them out.
            Disposable tap = bus.stream().filter(s -> !s.point().point().startsWith(HealthPoints.PREFIX))
                    .subscribe(s -> count(s, notifications, measuring, latencyMicros, latencyCount));
            long start = System.nanoTime();
            Plant plant = plant(port);
            PointCatalogue catalogue = PointCatalogues.build(plant, id -> Optional.empty(),
                    id -> Optional.of(profile(items)));
            try (OpcUaCollector collector = new OpcUaCollector(catalogue, id -> Optional.of(profile(items)), bus,
                    Clock.systemUTC(), data, OpcUaCollectorOptions.defaults())) {
                collector.start();
                while (bus.latest().values().stream()
                        .filter(s -> s.isGood() && !s.point().point().startsWith(HealthPoints.PREFIX)).count() < items) {
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                        throw new IllegalStateException("only " + bus.latest().size() + " of " + items
                                + " items reported within 120 s; health " + collector.health());
                    }
                    Thread.sleep(50);
                }
                out.printf("all %d items reporting after %.1f s%n", items, (System.nanoTime() - start) / 1e9);
                Thread.sleep(3000);
                long before = notifications.get();
                measuring.set(1);
                long wallStart = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                List<Double> serverStampP95 = new ArrayList<>();
                long until = wallStart + (long) (seconds * 1e9);
                while (System.nanoTime() < until) {
                    Thread.sleep(250);
                    double p = collector.health().get(0).latencyP95Ms();
                    if (Double.isFinite(p)) {
                        serverStampP95.add(p);
                    }
                }
                long cpu = os.getProcessCpuTime() - cpuStart;
                long wall = System.nanoTime() - wallStart;
                measuring.set(0);
                long counted = notifications.get() - before;
                DeviceHealth health = collector.health().get(0);
                tap.dispose();
                int n = Math.min(latencyCount.get(), latencyMicros.length);
                long[] lat = Arrays.copyOf(latencyMicros, n);
                Arrays.sort(lat);
                double changeP95 = n == 0 ? Double.NaN : lat[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)] / 1000.0;
                double changeP50 = n == 0 ? Double.NaN : lat[n / 2] / 1000.0;
                // Each health snapshot holds the server-timestamp latency of the last 4,096 notifications.
                serverStampP95.sort(null);
                double p95 = serverStampP95.isEmpty() ? Double.NaN : serverStampP95.get(serverStampP95.size() / 2);
                double cpuPercent = 100.0 * cpu / wall;
                out.printf("measured %.1f s: %d notifications, collector %s; server timestamp -> published p95=%.1f ms"
                        + " (median of %d snapshots); value change -> published p50=%.1f ms p95=%.1f ms%n",
                        wall / 1e9, counted, health.state(), p95, serverStampP95.size(), changeP50, changeP95);
                out.printf("cpu: %.1f %% with the collector subscribed vs %.1f %% server alone (%d cores)%n",
                        cpuPercent, serverOnly, os.getAvailableProcessors());
                out.printf("RESULT items=%d notifications_per_s=%.0f cpu_percent=%.1f server_only_cpu_percent=%.1f"
                        + " p95_latency_ms=%.1f change_p95_latency_ms=%.1f%n", items, counted / (wall / 1e9), cpuPercent, serverOnly,
                        p95, changeP95);
            }
        } finally {
            server.close();
        }
    }

    private static void count(Sample s, AtomicLong notifications, AtomicLong measuring, long[] latencies,
            AtomicInteger latencyCount) {
        if (!s.isGood()) {
            return;
        }
        notifications.incrementAndGet();
        if (measuring.get() == 1) {
            int i = latencyCount.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = Duration.between(s.time(), Instant.now()).toNanos() / 1000;
            }
        }
    }

    private static double cpuPercent(OperatingSystemMXBean os, Duration over) throws InterruptedException {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(over.toMillis());
        return 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
    }

    private static Plant plant(int port) {
        Connection c = Connection.opcUa("bench", "127.0.0.1", port,
                new OpcUaEndpoint("/bench", "None", "None", null, null, null, false));
        Meter m = new Meter("bench", "Bench", "bench/items", "bench", 0, EnergyCarrier.ELECTRICITY, null, null,
                null, null, null, Map.of());
        return new Plant("bench", ZoneId.of("UTC"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(c),
                List.of(m), null, null);
    }

    private static OpcUaProfile profile(int items) {
        List<OpcUaPoint> points = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            points.add(new OpcUaPoint(String.format("v%05d", i), Quantity.ACTIVE_POWER, "kW",
                    "nsu=" + NAMESPACE + ";s=" + String.format("v%05d", i), null, Duration.ofSeconds(1), 1,
                    Deadband.NONE, 1, 0));
        }
        return new OpcUaProfile("bench/items", "bench", "items", "bench variables", points);
    }

    /** A Milo server with {@code items} Double variables, all written every second. */
    private static final class BenchServer extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptionModel;
        private final int items;
        private final List<UaVariableNode> nodes = new ArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final OpcUaServer server;
        private long tick;

        private BenchServer(OpcUaServer server, int items) {
            super(server, NAMESPACE);
            this.server = server;
            this.items = items;
            subscriptionModel = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptionModel);
            getLifecycleManager().addStartupTask(this::createNodes);
        }

        static BenchServer start(int port, int items) throws Exception {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate cert = new SelfSignedCertificateBuilder(keyPair).setCommonName("bench")
                    .setApplicationUri("urn:wattline:bench:server").addIpAddress("127.0.0.1").build();
            MemoryCertificateStore store = new MemoryCertificateStore();
            store.set(NodeIds.RsaSha256ApplicationCertificateType,
                    new CertificateStore.Entry(keyPair.getPrivate(), new X509Certificate[] {cert}));
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(new MemoryTrustListManager(),
                    store, new RsaSha256CertificateFactory() {
                        @Override
                        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair kp) {
                            return new X509Certificate[] {cert};
                        }
                    }, new CertificateValidator.InsecureCertificateValidator());
            OpcUaServerConfig config = OpcUaServerConfig.builder()
                    .setApplicationUri("urn:wattline:bench:server")
                    .setApplicationName(LocalizedText.english("Wattline bench server"))
                    .setProductUri("urn:wattline:bench")
                    .setBuildInfo(new BuildInfo("urn:wattline:bench", "Wattline", "bench", OpcUaServer.SDK_VERSION, "",
                            DateTime.now()))
                    .setEndpoints(Set.of(EndpointConfig.newBuilder().setBindAddress("127.0.0.1")
                            .setHostname("127.0.0.1").setBindPort(port).setPath("/bench").setCertificate(cert)
                            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                            .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                            .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build()))
                    .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine(), group))
                    .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                    .build();
            OpcTcpServerTransportConfig transport = OpcTcpServerTransportConfig.newBuilder().build();
            OpcUaServer server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(transport));
            BenchServer bench = new BenchServer(server, items);
            bench.startup();
            server.startup().get(30, TimeUnit.SECONDS);
            bench.ticker.scheduleAtFixedRate(bench::tick, 0, 1, TimeUnit.SECONDS);
            return bench;
        }

        private void createNodes() {
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Bench"), newQualifiedName("Bench"),
                    LocalizedText.english("Bench"));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                    false));
            for (int i = 0; i < items; i++) {
                String name = String.format("v%05d", i);
                UaVariableNode v = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(newNodeId(name)).setBrowseName(newQualifiedName(name))
                        .setDisplayName(LocalizedText.english(name)).setDataType(NodeIds.Double)
                        .setTypeDefinition(NodeIds.BaseDataVariableType)
                        .setAccessLevel(AccessLevel.READ_ONLY).setUserAccessLevel(AccessLevel.READ_ONLY).build();
                v.setValue(new DataValue(new Variant(0.0)));
                getNodeManager().addNode(v);
                folder.addOrganizes(v);
                nodes.add(v);
            }
        }

        private void tick() {
            tick++;
            DateTime now = DateTime.now();
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).setValue(new DataValue(new Variant(tick + i * 0.001), StatusCode.GOOD, now, now));
            }
        }

        void close() throws Exception {
            ticker.shutdownNow();
            server.shutdown().get(10, TimeUnit.SECONDS);
            shutdown();
        }

        @Override
        public void onDataItemsCreated(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsCreated(dataItems);
        }

        @Override
        public void onDataItemsModified(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsModified(dataItems);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsDeleted(dataItems);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
            subscriptionModel.onMonitoringModeChanged(monitoredItems);
        }
    }
}
