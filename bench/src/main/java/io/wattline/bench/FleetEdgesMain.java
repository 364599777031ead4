package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.fleet.edge.BacklogSource;
import io.wattline.fleet.edge.Deadband;
import io.wattline.fleet.edge.EdgePublisher;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.mqtt.PahoMqttLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated edges of {@code fleet-fanin} in a process of their own, so the figure measures the
 * central and not edges starving it of CPU in the same JVM: each edge is the real edge node and
 * publisher with its own MQTT connection, fed by one ticker (every point a new value each second).
 * Prints {@code READY} once started; stops when its standard input closes (the benchmark ended).
 * Arguments: broker URI, edges, points per edge.
 */
public final class FleetEdgesMain {

    private FleetEdgesMain() {
    }

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        int edges = Integer.parseInt(args[1]);
        int points = Integer.parseInt(args[2]);
        List<EdgePublisher> publishers = new ArrayList<>();
        List<List<PointId>> ids = new ArrayList<>();
        for (int e = 0; e < edges; e++) {
            String id = "edge-" + e;
            List<CataloguedPoint> catalogue = FleetFaninBenchmark.catalogue(points);
            SparkplugEdgeNode node = new SparkplugEdgeNode("bench", id, "site-" + e, catalogue, List.of(),
                    Deadband.everyChange(), Clock.systemUTC());
            // one flush a second per edge (the ticker's rate): one DDATA per meter per second, batched
            EdgePublisher p = new EdgePublisher(node, new PahoMqttLink(broker, id, null, null, Duration.ofSeconds(30)),
                    BacklogSource.none(), Clock.systemUTC(), Duration.ofMillis(250), Duration.ofSeconds(1));
            p.start();
            publishers.add(p);
            ids.add(catalogue.stream().map(CataloguedPoint::id).toList());
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong tick = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            long t = tick.incrementAndGet();
            Instant now = Instant.now();
            for (int e = 0; e < publishers.size(); e++) {
                for (PointId id : ids.get(e)) {
                    publishers.get(e).onSample(Sample.good(id, now, t + id.hashCode() % 100));
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
        System.out.println("READY");
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our standard input
            }
        } finally {
            ticker.shutdownNow();
            publishers.forEach(EdgePublisher::close);
        }
    }
}
