package io.wattline.fleet.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.fleet.edge.AlarmMetric;
import io.wattline.fleet.edge.Deadband;
import io.wattline.fleet.edge.EdgeMessage;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.testing.Points;
import io.wattline.fleet.testing.SparkplugConformance;
import io.wattline.fleet.testing.TahuDecoder;
import io.wattline.fleet.testing.TahuDecoder.Wire;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Our payloads decoded by an independent decoder (Eclipse Tahu's, from the published
 * sparkplug_b.proto) and checked against the specification's normative statements
 * ({@link SparkplugConformance#STATEMENTS}): a whole edge-node session without a broker: will,
 * births, data (good, bad, stale), an alarm, a rebirth, historical backlog after a reconnect, death.
 */
@Tag("integration")
class PayloadConformanceTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aWholeSessionConformsAndTahuReadsOurValues() throws Exception {
        SparkplugEdgeNode node = new SparkplugEdgeNode("plants", "edge-a", "site-a", Points.meters("site-a", 2),
                List.of("a1"), Deadband.of(Map.of(io.wattline.core.Quantity.ACTIVE_POWER, 0.5)),
                Clock.fixed(T0, ZoneOffset.UTC));
        PointId p1 = new PointId("m1", "active_power");
        PointId e1 = new PointId("m1", "energy_import");
        List<Wire> wills = new ArrayList<>();
        List<Wire> session = new ArrayList<>();

        wills.add(wire(node.death(0)));
        node.onSamples(List.of(Sample.good(p1, T0, 10.0)));
        add(session, node.birth(0));
        add(session, node.onSamples(List.of(Sample.good(p1, T0.plusSeconds(1), 10.2),  // inside the deadband: no DDATA
                Sample.good(e1, T0.plusSeconds(1), 1000.0))));
        add(session, node.onSamples(List.of(Sample.good(p1, T0.plusSeconds(2), 11.0),
                Sample.bad(new PointId("m2", "active_power"), T0.plusSeconds(2), "timeout"),
                new Sample(e1, T0.plusSeconds(2), 1000.5, Quality.UNCERTAIN, "stale"))));
        add(session, node.onAlarm(new AlarmMetric("a1", "UNACK", 2, T0.plusSeconds(3))));
        add(session, node.birth(0)); // rebirth on NCMD: same bdSeq
        node.offline();
        wills.add(wire(node.death(1)));
        add(session, node.birth(1)); // reconnect: next bdSeq
        add(session, node.history(List.of(Sample.good(p1, T0.plusSeconds(4), 12.0),
                Sample.good(p1, T0.plusSeconds(5), 13.0))));
        session.add(wire(node.death(1)));
        for (int i = 0; i < 300; i++) { // seq wraps past 255
            node.onSamples(List.of(Sample.good(e1, T0.plusSeconds(10 + i), 2000.0 + i)));
        }

        JsonNode decoded = TahuDecoder.decode(session);
        JsonNode decodedWills = TahuDecoder.decode(wills);
        SparkplugConformance result = SparkplugConformance.check(decoded, decodedWills);

        assertEquals(List.of(), result.violations());
        assertEquals(SparkplugConformance.STATEMENTS.keySet(), result.exercised(),
                "every listed statement is exercised by this session");

        // Tahu's own reading of our values: the DBIRTH of m1 and the first DDATA
        JsonNode dbirth = decoded.get(1).get("tahu");
        assertEquals("spBv1.0/plants/DBIRTH/edge-a/m1", decoded.get(1).get("topic").asString());
        JsonNode power = dbirth.get("metrics").get(0);
        assertEquals("active_power", power.get("name").asString());
        assertEquals("Double", power.get("type").asString());
        assertEquals(10.0, power.get("value").asDouble());
        assertEquals("kW", power.get("properties").get("engUnit").get("value").asString());
        JsonNode energy = dbirth.get("metrics").get(1);
        assertTrue(energy.get("value").isNull(), "no energy sample before the birth: is_null");
        JsonNode firstData = decoded.get(3).get("raw");
        assertEquals(1, firstData.get("metrics").size(), "10.0 -> 10.2 kW is inside the 0.5 kW deadband");
        assertEquals(1000.0, firstData.get("metrics").get(0).get("doubleValue").asDouble());
        JsonNode bad = decoded.get(5).get("tahu").get("metrics").get(0);
        assertEquals(0, bad.get("properties").get("Quality").get("value").asInt(), "BAD is quality 0");
        JsonNode history = decoded.get(decoded.size() - 2).get("raw").get("metrics");
        assertTrue(history.get(0).get("isHistorical").asBoolean());
        assertEquals(12.0, history.get(0).get("doubleValue").asDouble());
    }

    @Test
    void theCheckCatchesBrokenMessages() throws Exception {
        Instant t = T0;
        Metric bd = Metric.of("bdSeq", null, t, DataType.INT64, 0L);
        List<Wire> broken = List.of(
                new Wire("spBv1.0/plants/NBIRTH/edge-a", 1, true, SparkplugCodec.encode(
                        new SparkplugPayload(t, List.of(bd), 3L))),
                new Wire("spBv1.0/plants/DDATA/edge-a/m1", 0, false, SparkplugCodec.encode(new SparkplugPayload(t,
                        List.of(Metric.of("active_power", 9L, t, DataType.DOUBLE, 1.0)), 9L))),
                new Wire("spBv1.0/plants/NDEATH/edge-a", 0, false, SparkplugCodec.encode(
                        new SparkplugPayload(t, List.of(bd), 10L))));
        List<Wire> wills = List.of(new Wire("spBv1.0/plants/NDEATH/edge-a", 0, true,
                SparkplugCodec.encode(new SparkplugPayload(t, List.of(bd), null))));

        List<String> found = SparkplugConformance.check(TahuDecoder.decode(broken), TahuDecoder.decode(wills))
                .violations().stream().map(v -> v.substring(0, v.indexOf(':'))).distinct().toList();

        for (String id : List.of("tck-id-topics-nbirth-mqtt", "tck-id-topics-nbirth-seq-num",
                "tck-id-topics-nbirth-rebirth-metric", "tck-id-payloads-ddata-order",
                "tck-id-payloads-alias-data-cmd-requirement", "tck-id-topics-ddata-seq-num",
                "tck-id-payloads-metric-datatype-not-req", "tck-id-topics-ndeath-seq",
                "tck-id-message-flow-edge-node-birth-publish-will-message-qos",
                "tck-id-message-flow-edge-node-birth-publish-will-message-will-retained")) {
            assertTrue(found.contains(id), id + " not caught; found " + found);
        }
    }

    private static void add(List<Wire> session, List<EdgeMessage> messages) {
        messages.forEach(m -> session.add(wire(m)));
    }

    private static Wire wire(EdgeMessage m) {
        return new Wire(m.topic().toString(), m.qos(), m.retain(), SparkplugCodec.encode(m.payload()));
    }
}
