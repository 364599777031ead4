package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.fleet.ForwardingMqttLink;
import io.wattline.fleet.MqttLink;
import io.wattline.fleet.central.CentralHost;
import io.wattline.fleet.central.FleetView;
import io.wattline.fleet.mqtt.PahoMqttLink;
import io.wattline.fleet.sparkplug.Metric;
import io.wattline.fleet.sparkplug.SparkplugCodec;
import io.wattline.fleet.testing.MosquittoBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated edges (the real edge node and publisher, without collection) of 1,000 points each,
 * every point changing every second, in a process of their own ({@link FleetEdgesMain}), into one
 * mosquitto on loopback and one central host in this process. Prints
 * the points per second the central applied, the central's CPU (the threads of its MQTT client and
 * host: decoding and applying) against a baseline in the same run (a plain MQTT subscriber on the
 * same stream that only counts), and the p95 of edge sample time to applied at the central.
 */
final class FleetFaninBenchmark implements Benchmark {

    private static final int POINTS_PER_METER = 10;

    @Override
    public String name() {
        return "fleet-fanin";
    }

    @Override
    public String description() {
        return "Sparkplug B fan-in: N edges x 1,000 points at 1 s through mosquitto into one central host";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int edges = args.isEmpty() ? 50 : Integer.parseInt(args.get(0));
        int points = args.size() < 2 ? 1000 : Integer.parseInt(args.get(1));
        double seconds = args.size() < 3 ? 30 : Double.parseDouble(args.get(2));
        Path dir = Files.createTempDirectory("wattline-bench-fleet");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
            out.printf("broker: mosquitto on %s; %d edges x %d points, every point changing every 1 s%n",
                    broker.uri(), edges, points);
            FleetView view = new FleetView();
            long[] latencies = new long[2_000_000];
            AtomicInteger latencyCount = new AtomicInteger();
            AtomicLong measuring = new AtomicLong();
            CentralHost central = new CentralHost("central-bench", List.of("bench"),
                    new Measured(new PahoMqttLink(broker.uri(), "central-bench", null, null, Duration.ofSeconds(10)),
                            measuring, latencies, latencyCount),
                    view, Clock.systemUTC(), Duration.ofSeconds(1));
            Counter baseline = new Counter(broker.uri());
            Process edgeProcess = null;
            try {
                central.start();
                // the simulated edges run in a process of their own (FleetEdgesMain): the central's figures are its own
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                edgeProcess = new ProcessBuilder(javaBin, "-XX:+UseSerialGC", "-Xmx512m", "-cp",
                        System.getProperty("java.class.path"), FleetEdgesMain.class.getName(), broker.uri(),
                        String.valueOf(edges), String.valueOf(points))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                java.io.BufferedReader edgeOut = new java.io.BufferedReader(new java.io.InputStreamReader(
                        edgeProcess.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                String line = edgeOut.readLine();
                if (!"READY".equals(line)) {
                    throw new IllegalStateException("the edge process did not start: " + line);
                }
                long start = System.nanoTime();
                while (view.points().size() < (long) edges * points) {
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(180)) {
                        throw new IllegalStateException("the central knows " + view.points().size() + " of "
                                + (long) edges * points + " points after 180 s");
                    }
                    Thread.sleep(200);
                }
                out.printf("central knows all %d points after %.1f s%n", (long) edges * points,
                        (System.nanoTime() - start) / 1e9);
                Thread.sleep(3000);
                long centralCpu0 = cpu(threads, "central-bench");
                long baselineCpu0 = cpu(threads, baseline.id);
                long applied0 = view.counts()[3];
                long baseline0 = baseline.messages.get();
                measuring.set(1);
                long wall0 = System.nanoTime();
                java.time.Duration edgeCpu0 = edgeProcess.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
                Thread.sleep((long) (seconds * 1000));
                long wall = System.nanoTime() - wall0;
                double edgesPercent = 100.0 * (edgeProcess.info().totalCpuDuration().orElse(java.time.Duration.ZERO)
                        .minus(edgeCpu0).toNanos()) / wall;
                measuring.set(0);
                double centralPercent = 100.0 * (cpu(threads, "central-bench") - centralCpu0) / wall;
                double baselinePercent = 100.0 * (cpu(threads, baseline.id) - baselineCpu0) / wall;
                double rate = (view.counts()[3] - applied0) / (wall / 1e9);
                double baselineRate = (baseline.messages.get() - baseline0) / (wall / 1e9);
                int n = Math.min(latencyCount.get(), latencies.length);
                long[] lat = Arrays.copyOf(latencies, n);
                Arrays.sort(lat);
                double p95 = n == 0 ? Double.NaN : lat[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)] / 1000.0;
                double p50 = n == 0 ? Double.NaN : lat[n / 2] / 1000.0;
                out.printf("measured %.1f s: central applied %.0f points/s (offered %d/s), sample -> applied"
                        + " p50=%.0f ms p95=%.0f ms over %d sampled messages%n", wall / 1e9, rate,
                        (long) edges * points, p50, p95, n);
                out.printf("cpu of one core: central host %.1f %% vs a plain subscriber counting the same"
                        + " stream %.1f %% (%.0f messages/s); %d cores%n", centralPercent, baselinePercent,
                        baselineRate, Runtime.getRuntime().availableProcessors());
                out.printf("edge process (all %d edges): %.1f %% of one core; load average %.2f%n", edges,
                        edgesPercent, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.printf("RESULT edges=%d points_per_s=%.0f central_cpu_percent=%.1f baseline_subscriber_cpu_percent=%.1f"
                        + " p95_ms=%.0f%n", edges, rate, centralPercent, baselinePercent, p95);
            } finally {
                if (edgeProcess != null) {
                    edgeProcess.getOutputStream().close();
                    if (!edgeProcess.waitFor(30, TimeUnit.SECONDS)) {
                        edgeProcess.destroy();
                    }
                }
                central.close();
                baseline.close();
            }
        }
    }

    /** {@code points} points of meters with 10 gauges each (power, currents, voltages...). */
    static List<CataloguedPoint> catalogue(int points) {
        Quantity[] q = {Quantity.ACTIVE_POWER, Quantity.REACTIVE_POWER, Quantity.APPARENT_POWER,
            Quantity.POWER_FACTOR, Quantity.VOLTAGE_L1_N, Quantity.VOLTAGE_L2_N, Quantity.VOLTAGE_L3_N,
            Quantity.CURRENT_L1, Quantity.CURRENT_L2, Quantity.CURRENT_L3};
        List<CataloguedPoint> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            String meter = "m" + (i / POINTS_PER_METER);
            Quantity quantity = q[i % POINTS_PER_METER];
            out.add(new CataloguedPoint(new PointId(meter, quantity.name().toLowerCase()), meter, meter, null,
                    quantity, quantity.unit(), EnergyCarrier.ELECTRICITY, 0, Duration.ofSeconds(1),
                    new PlantPlace("bench", null, null, null, null), "bench", false));
        }
        return out;
    }

    /** CPU time of the live threads whose name mentions {@code client} (Paho names its threads after the client id). */
    private static long cpu(ThreadMXBean threads, String client) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(client)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The central's link, measuring every 10th DDATA: metrics applied, and sample time to applied. */
    private static final class Measured extends ForwardingMqttLink {
        private final AtomicLong measuring;
        private final long[] latencies;
        private final AtomicInteger count;
        private long seen;

        Measured(MqttLink link, AtomicLong measuring, long[] latencies, AtomicInteger count) {
            super(link);
            this.measuring = measuring;
            this.latencies = latencies;
            this.count = count;
        }

        @Override
        public void connect(Will will, Listener listener) throws IOException {
            super.connect(will, new Listener() {
                @Override
                public void onMessage(String topic, byte[] payload) {
                    listener.onMessage(topic, payload); // the host applies it to the view here
                    // a second decode of every 10th message for the latency (a small cost counted with the host's)
                    if (measuring.get() == 1 && topic.contains("/DDATA/") && seen++ % 10 == 0) {
                        List<Metric> metrics = SparkplugCodec.decode(payload).metrics();
                        if (!metrics.isEmpty()) {
                            int i = count.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[i] = Duration.between(metrics.get(0).timestamp(), Instant.now()).toNanos() / 1000;
                            }
                        }
                    }
                }

                @Override
                public void onConnectionLost(Throwable cause) {
                    listener.onConnectionLost(cause);
                }
            });
        }
    }

    /** The baseline: a plain Paho subscriber to the same DDATA stream that only counts the messages. */
    private static final class Counter implements AutoCloseable {
        final String id = "baseline-counter";
        final AtomicLong messages = new AtomicLong();
        private final org.eclipse.paho.client.mqttv3.MqttClient client;

        Counter(String uri) throws Exception {
            client = new org.eclipse.paho.client.mqttv3.MqttClient(uri, id,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            client.connect();
            client.subscribe("spBv1.0/bench/DDATA/#", 0, (topic, m) -> messages.incrementAndGet());
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
