package io.wattline.fleet.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.fleet.edge.AlarmMetric;
import io.wattline.fleet.edge.BacklogSource;
import io.wattline.fleet.edge.Deadband;
import io.wattline.fleet.edge.EdgePublisher;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.mqtt.PahoMqttLink;
import io.wattline.testkit.TcpCutProxy;
import io.wattline.fleet.testing.MosquittoBroker;
import io.wattline.fleet.testing.Peers;
import io.wattline.fleet.testing.Points;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two edges (sites a and b, the same meter ids) and a central host on one mosquitto. The central
 * starts last, so it sees data it cannot place and asks each edge for a rebirth; it then shows both
 * sites' points. Cutting edge b's WAN makes the broker publish b's NDEATH within 1.5 keep-alives:
 * b's points turn stale with the reason, a's stay GOOD; after the WAN returns b is GOOD again.
 */
@Tag("integration")
class CentralHostBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void centralSeesBothSitesAndAStaleSiteWithItsReason() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                TcpCutProxy wanB = new TcpCutProxy(broker.port())) {
            EdgePublisher a = edge("edge-a", "site-a", broker.uri());
            EdgePublisher b = edge("edge-b", "site-b", wanB.mqttUri());
            FleetView view = new FleetView();
            CentralHost central = new CentralHost("central-1", List.of("plants"),
                    new PahoMqttLink(broker.uri(), "central-1", null, null, KEEP_ALIVE), view, Clock.systemUTC(),
                    Duration.ofMillis(200));
            PointId power = new PointId("m1", "active_power");
            try {
                a.start();
                b.start();
                Peers.await(() -> a.isConnected() && b.isConnected(), WAIT, "both edges online");
                central.start();
                Peers.await(central::isConnected, WAIT, "the central online");
                // data from nodes born before the central joined: it asks them for a rebirth
                a.onSample(Sample.good(power, Instant.now(), 10.0));
                b.onSample(Sample.good(power, Instant.now(), 20.0));
                a.onAlarm(new AlarmMetric("a1", "UNACK", 3, Instant.now()));
                Peers.await(() -> value(view, "site-a", power).filter(v -> v == 10.0).isPresent()
                        && value(view, "site-b", power).filter(v -> v == 20.0).isPresent(), WAIT,
                        "both sites' m1.active_power at the central; points: " + view.points());
                assertEquals(8, view.points().size(), "2 sites x 2 meters x 2 points");
                assertEquals("kW", point(view, "site-a", power).unit());
                Peers.await(() -> view.alarms().stream().anyMatch(al -> al.site().equals("site-a")
                        && al.state().equals("UNACK") && al.priority() == 3), WAIT, "site a's alarm at the central");

                Instant cut = Instant.now();
                wanB.cut();
                Peers.await(() -> point(view, "site-b", power).quality() == Quality.UNCERTAIN, WAIT,
                        "site b stale after its NDEATH");
                Duration toStale = Duration.between(cut, Instant.now());
                assertTrue(toStale.compareTo(KEEP_ALIVE.multipliedBy(3).dividedBy(2).plusSeconds(1)) <= 0,
                        "stale within the death timeout, took " + toStale);
                FleetPoint stale = point(view, "site-b", power);
                assertTrue(stale.reason().contains("edge node edge-b offline (NDEATH"), stale.reason());
                assertEquals(20.0, stale.value(), "the last value stays, marked stale");
                assertEquals(Quality.GOOD, point(view, "site-a", power).quality());
                assertTrue(view.nodes().stream().anyMatch(n -> n.edgeNode().equals("edge-b") && !n.online()));

                wanB.restore();
                b.onSample(Sample.good(power, Instant.now(), 21.0));
                Peers.await(() -> point(view, "site-b", power).quality() == Quality.GOOD, WAIT,
                        "site b good again after its new birth");
            } finally {
                central.close();
                a.close();
                b.close();
            }
        }
    }

    private static EdgePublisher edge(String id, String site, String uri) {
        SparkplugEdgeNode node = new SparkplugEdgeNode("plants", id, site, Points.meters(site, 2), List.of("a1"),
                Deadband.everyChange(), Clock.systemUTC());
        return new EdgePublisher(node, new PahoMqttLink(uri, id, null, null, KEEP_ALIVE), BacklogSource.none(),
                Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static FleetPoint point(FleetView view, String site, PointId id) {
        return view.points().stream().filter(p -> p.site().equals(site) && p.pointId().equals(id.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " of " + site + " in " + view.points()));
    }

    private static Optional<Double> value(FleetView view, String site, PointId id) {
        return view.points().stream().filter(p -> p.site().equals(site) && p.pointId().equals(id.toString()))
                .map(FleetPoint::value).filter(v -> v != null).findFirst();
    }
}
