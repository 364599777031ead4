package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.collector.opcua.OpcUaCollectorOptions;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.RecordedBus;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestPlants;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The history of an OPC UA device says what the live view said: an OPC UA collector on a real
 * node-opcua server feeds the live bus and, through {@link HistorianFeed}, the DuckDB store; over a
 * run with a constant point, a changing point, a bad point (Bad_SensorFailure), a refused item and
 * a server killed and restarted, every stored sample is a live sample (no spurious one), in live
 * order, and each point's latest stored sample is what the live view shows.
 */
@Tag("integration")
class OpcUaLiveAndStoredQualityIntegrationTest extends NodeOpcUaTestCase {

    private static final String METER = "plc1";
    private static final PointId CONSTANT = new PointId(METER, "constant");
    private static final PointId CHANGING = new PointId(METER, "changing");
    private static final PointId BROKEN = new PointId(METER, "broken");
    private static final PointId REFUSED = new PointId(METER, "refused");
    private static final List<PointId> POINTS = List.of(CONSTANT, CHANGING, BROKEN, REFUSED);
    private static final OpcUaProfile PROFILE = new OpcUaProfile("test/node-line", "test", "node-line", "peer",
            List.of(point("constant", Quantity.TEMPERATURE, "Temperature"),
                    point("changing", Quantity.ACTIVE_POWER, "Power"),
                    point("broken", Quantity.TEMPERATURE, "Broken"),
                    point("refused", Quantity.ACTIVE_POWER, "NotThere")));

    @Test
    void everyStoredSampleIsALiveSampleInLiveOrderAndTheLatestAgree() throws Exception {
        int port = Peers.freePort();
        Path xdg = temp.resolve("xdg");
        Instant start = Instant.now().minusSeconds(60);
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, xdg).start();
        try (RecordedBus recorded = new RecordedBus();
                Historian historian = Historian.open(temp.resolve("store"), HistorianOptions.defaults(), Optional.empty());
                HistorianFeed feed = new HistorianFeed(recorded.bus(), historian.writer());
                OpcUaCollector collector = collector(port, recorded.bus())) {
            SampleBus bus = recorded.bus();
            List<Sample> live = recorded.seen();
            collector.start();
            Await.until(() -> recorded.distinctGood(CHANGING, Instant.MIN), n -> n >= 4, Duration.ofSeconds(30),
                    "the changing point's values");
            Await.until(() -> bus.latest().get(BROKEN), s -> s.reason().equals("Bad_SensorFailure"),
                    Duration.ofSeconds(10), "the broken sensor");

            server.kill();
            Await.until(() -> bus.latest().get(CONSTANT), s -> s.quality() == Quality.UNCERTAIN, Duration.ofSeconds(30),
                    "the constant point stale while the server is away");
            Await.until(() -> bus.latest().get(BROKEN), s -> s.reason().startsWith("cannot reach"),
                    Duration.ofSeconds(30), "the bad point says why while the server is away");
            server = new NodeOpcUaPeer(port, xdg).start();
            Instant restarted = Instant.now();
            Await.until(() -> recorded.distinctGood(CHANGING, restarted), n -> n >= 4, Duration.ofSeconds(60),
                    "the changing point's values after the restart");
            Await.until(() -> bus.latest().get(CONSTANT), Sample::isGood, Duration.ofSeconds(30),
                    "the constant point GOOD again");
            Await.until(() -> bus.latest().get(BROKEN), s -> s.reason().equals("Bad_SensorFailure"),
                    Duration.ofSeconds(30), "the broken sensor again");
            collector.close();
            historian.writer().flush();

            Map<PointId, Sample> latestLive = new LinkedHashMap<>();
            POINTS.forEach(p -> latestLive.put(p, bus.latest().get(p)));
            for (PointId p : POINTS) {
                List<Sample> stored = historian.reader().range(p, start, Instant.now().plusSeconds(60), 100_000);
                List<Sample> expected = readings(live, p);
                assertEquals(render(expected), render(stored), p + ": every stored sample is a live one, in live order");
                assertFalse(stored.isEmpty(), p + " has history");
                for (int i = 1; i < stored.size(); i++) {
                    assertTrue(stored.get(i).time().isAfter(stored.get(i - 1).time()),
                            p + ": history goes forward in time: " + render(stored));
                }
                assertTrue(stored.stream().noneMatch(s -> s.quality() != Quality.GOOD && s.reason().isEmpty()),
                        p + ": no BAD or UNCERTAIN sample without a reason: " + render(stored));
                Sample lastStored = stored.get(stored.size() - 1);
                Sample shown = latestLive.get(p);
                assertEquals(shown.quality(), lastStored.quality(), p + ": the history ends where the live view is");
                assertEquals(shown.reason(), lastStored.reason(), p.toString());
                assertEquals(micros(shown.time()), micros(lastStored.time()), p.toString());
            }
            List<Sample> constant = historian.reader().range(CONSTANT, start, Instant.now().plusSeconds(60), 1000);
            assertTrue(constant.stream().allMatch(Sample::isGood), "the constant point was never BAD: "
                    + render(constant));
        } finally {
            server.close();
        }
    }

    /**
     * The live samples of {@code p} that are readings: a stale mark re-states the reading it marks
     * (same time) and is not a new reading, so the store keeps the reading once.
     */
    private static List<Sample> readings(List<Sample> live, PointId p) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : live) {
            if (s.point().equals(p) && (out.isEmpty() || !out.get(out.size() - 1).time().equals(s.time()))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Samples as text, times at the store's precision (microseconds; OPC UA's is 100 ns). */
    private static List<String> render(List<Sample> samples) {
        return samples.stream().map(s -> micros(s.time()) + " " + s.quality() + " " + (Double.isNaN(s.value()) ? "NaN"
                : String.valueOf(s.value())) + " " + s.reason()).toList();
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private static OpcUaPoint point(String name, Quantity quantity, String node) {
        return new OpcUaPoint(name, quantity, quantity.unit(), "ns=1;s=Line1." + node, null, Duration.ofMillis(200), 1,
                Deadband.NONE, 1, 0);
    }

    private OpcUaCollector collector(int port, SampleBus bus) {
        OpcUaEndpoint none = new OpcUaEndpoint("/wattline-test", "None", "None", null, null, null, false);
        Connection c = Connection.opcUa("node1", "127.0.0.1", port, none);
        Plant plant = TestPlants.plant(List.of(c), List.of(TestPlants.meter(METER, PROFILE.id(), "node1", 0, Map.of())));
        OpcUaCollectorOptions fast = new OpcUaCollectorOptions(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(500));
        return new OpcUaCollector(TestCatalogues.ofOpcUa(plant, id -> Optional.of(PROFILE)), id -> Optional.of(PROFILE),
                bus, Clock.systemUTC(), temp.resolve("data"), fast);
    }
}
