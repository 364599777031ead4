package io.wattline.fleet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.fleet.mqtt.PahoMqttLink;
import io.wattline.fleet.sparkplug.DataType;
import io.wattline.fleet.sparkplug.Metric;
import io.wattline.fleet.sparkplug.SparkplugCodec;
import io.wattline.fleet.sparkplug.SparkplugPayload;
import io.wattline.testkit.TcpCutProxy;
import io.wattline.fleet.testing.MosquittoBroker;
import io.wattline.fleet.testing.Peers;
import io.wattline.fleet.testing.Points;
import io.wattline.fleet.testing.RecordingLink;
import io.wattline.fleet.testing.SparkplugConformance;
import io.wattline.fleet.testing.Spy;
import io.wattline.fleet.testing.TahuDecoder;
import io.wattline.fleet.testing.TahuDecoder.Wire;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The edge publisher through Debian's mosquitto: births, report by exception, an alarm, a rebirth
 * asked by NCMD, a WAN cut (the broker publishes our NDEATH will), the backlog published as
 * historical data after reconnecting with the next bdSeq, and the NDEATH of a clean stop. Every
 * message as the broker delivered it is decoded by Tahu's decoder and checked against the spec.
 */
@Tag("integration")
class EdgePublisherBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aSessionWithRebirthOutageAndBacklogConformsThroughMosquitto() throws Exception {
        TahuDecoder.requireInstalled();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                TcpCutProxy wan = new TcpCutProxy(broker.port());
                Spy spy = new Spy(broker.uri())) {
            List<Sample> stored = new CopyOnWriteArrayList<>(); // what the local historian holds
            BacklogSource historian = (points, from, to) -> stored.stream()
                    .filter(s -> points.contains(s.point()) && !s.time().isBefore(from) && s.time().isBefore(to))
                    .sorted(Comparator.comparing(Sample::time)).toList();
            SparkplugEdgeNode node = new SparkplugEdgeNode("plants", "edge-a", "site-a", Points.meters("site-a", 2),
                    List.of("a1"), Deadband.everyChange(), Clock.systemUTC());
            RecordingLink link = new RecordingLink(
                    new PahoMqttLink(wan.mqttUri(), "edge-a", null, null, Duration.ofSeconds(2)));
            EdgePublisher edge = new EdgePublisher(node, link, historian, Clock.systemUTC(), Duration.ofMillis(100),
                    Duration.ofMillis(200));
            PointId power = new PointId("m1", "active_power");
            try {
                edge.start();
                Peers.await(() -> spy.count(type("DBIRTH")) == 2, WAIT, "two DBIRTHs");

                collect(edge, stored, power, 41.0);
                Peers.await(() -> spy.count(type("DDATA")) >= 1, WAIT, "a DDATA");
                edge.onAlarm(new AlarmMetric("a1", "UNACK", 2, Instant.now()));
                Peers.await(() -> spy.count(type("NDATA")) == 1, WAIT, "the alarm as NDATA");

                Instant t = Instant.now();
                spy.publish("spBv1.0/plants/NCMD/edge-a", SparkplugCodec.encode(new SparkplugPayload(t,
                        List.of(Metric.of(SparkplugEdgeNode.REBIRTH, null, t, DataType.BOOLEAN, true)), null)));
                Peers.await(() -> spy.count(type("NBIRTH")) == 2, WAIT, "a rebirth after NCMD");

                wan.cut();
                Peers.await(() -> spy.count(type("NDEATH")) == 1, WAIT, "the broker publishing our NDEATH will");
                Peers.await(() -> !edge.isConnected(), WAIT, "the edge noticing the cut");
                List<Sample> duringCut = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    duringCut.add(collect(edge, stored, power, 50.0 + i));
                    Thread.sleep(5); // distinct millisecond timestamps for distinct samples
                }
                wan.restore();
                Peers.await(() -> spy.count(type("NBIRTH")) == 3, WAIT, "a new birth after reconnecting");
                Peers.await(() -> historicalValues(spy).containsAll(values(duringCut)), WAIT,
                        "the samples of the outage as historical DDATA");
            } finally {
                edge.close();
            }
            Peers.await(() -> spy.count(type("NDEATH")) == 2, WAIT, "the NDEATH of a clean stop");

            List<Wire> session = spy.seen().stream().filter(w -> !w.topic().contains("/NCMD/")).toList();
            JsonNode decoded = TahuDecoder.decode(session);
            SparkplugConformance result = SparkplugConformance.check(decoded, TahuDecoder.decode(link.wills()));
            assertEquals(List.of(), result.violations());
            assertEquals(2, link.wills().size(), "two CONNECTs: bdSeq 0 and 1");
            assertTrue(result.exercised().contains("tck-id-topics-nbirth-bdseq-increment"));
            assertTrue(result.exercised().contains("tck-id-operational-behavior-data-commands-rebirth-action-3"));
        }
    }

    private static Sample collect(EdgePublisher edge, List<Sample> stored, PointId point, double value) {
        Sample s = Sample.good(point, Instant.now().truncatedTo(ChronoUnit.MILLIS), value);
        stored.add(s);
        edge.onSample(s);
        return s;
    }

    private static List<Double> values(List<Sample> samples) {
        return samples.stream().map(Sample::value).toList();
    }

    private static List<Double> historicalValues(Spy spy) {
        List<Double> out = new ArrayList<>();
        for (Wire w : spy.seen()) {
            if (w.topic().contains("/DDATA/")) {
                for (Metric m : SparkplugCodec.decode(w.payload()).metrics()) {
                    if (m.historical()) {
                        out.add(m.doubleValue());
                    }
                }
            }
        }
        return out;
    }

    private static java.util.function.Predicate<Wire> type(String type) {
        return w -> w.topic().split("/")[2].equals(type);
    }
}
