package io.wattline.fleet.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.fleet.edge.Deadband;
import io.wattline.fleet.edge.EdgeMessage;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.sparkplug.MessageType;
import io.wattline.fleet.sparkplug.SparkplugCodec;
import io.wattline.fleet.sparkplug.SparkplugTopic;
import io.wattline.fleet.testing.Points;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host's rules without a broker: births, data, historical data, deaths old and current, sequence gaps. */
class FleetViewTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final PointId POWER = new PointId("m1", "active_power");

    private final SparkplugEdgeNode edge = new SparkplugEdgeNode("plants", "edge-a", "site-a",
            Points.meters("site-a", 1), List.of(), Deadband.everyChange(), Clock.fixed(T0, ZoneOffset.UTC));
    private final FleetView view = new FleetView();

    private Optional<SparkplugTopic> deliver(List<EdgeMessage> messages) {
        Optional<SparkplugTopic> rebirth = Optional.empty();
        for (EdgeMessage m : messages) {
            Optional<SparkplugTopic> r = view.accept(m.topic().toString(), SparkplugCodec.encode(m.payload()), T0);
            rebirth = r.isPresent() ? r : rebirth;
        }
        return rebirth;
    }

    private FleetPoint power() {
        return view.points().stream().filter(p -> p.pointId().equals("m1.active_power")).findFirst().orElseThrow();
    }

    @Test
    void dataUpdatesAndHistoryDoesNotOverwriteTheLiveValue() {
        deliver(edge.birth(0));
        assertEquals(null, power().quality(), "born without a value yet");
        deliver(edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(10), 12.0))));
        assertEquals(12.0, power().value());
        assertEquals(Quality.GOOD, power().quality());
        assertEquals("site-a", power().site());
        deliver(edge.history(List.of(Sample.good(POWER, T0.plusSeconds(5), 7.0))));
        assertEquals(12.0, power().value(), "historical data never replaces the live value");
        assertEquals(1, view.counts()[1]);
        deliver(edge.onSamples(List.of(Sample.bad(POWER, T0.plusSeconds(11), "timeout"))));
        assertEquals(Quality.BAD, power().quality());
        assertEquals(null, power().value());
    }

    @Test
    void aMeterThatGoesOfflineDiesAndIsBornAgainWhenItAnswers() {
        deliver(edge.birth(0));
        deliver(edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(1), 5.0))));
        List<EdgeMessage> death = edge.deviceOffline("m1");
        assertEquals(List.of(SparkplugTopic.device("plants", MessageType.DDEATH, "edge-a", "m1")),
                death.stream().map(EdgeMessage::topic).toList());
        assertEquals(Optional.empty(), deliver(death), "in sequence: no rebirth asked");
        assertEquals(Quality.UNCERTAIN, power().quality());
        assertTrue(power().reason().contains("device m1 offline (DDEATH)"), power().reason());
        assertEquals(List.of(), edge.deviceOffline("m1"), "one DDEATH per outage");
        assertEquals(List.of(), edge.onSamples(List.of(Sample.bad(POWER, T0.plusSeconds(2), "timeout"))),
                "no DDATA for a dead device");
        List<EdgeMessage> back = edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(3), 6.0)));
        assertEquals(MessageType.DBIRTH, back.get(0).topic().type(), "its DBIRTH comes first: " + back);
        assertEquals(Optional.empty(), deliver(back));
        assertEquals(Quality.GOOD, power().quality());
        assertEquals(6.0, power().value());
        deliver(edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(4), 7.0))));
        assertEquals(7.0, power().value(), "DDATA again after the DBIRTH");
    }

    @Test
    void onlyTheCurrentSessionsDeathMakesTheSiteStale() {
        deliver(edge.birth(1));
        deliver(edge.onSamples(List.of(Sample.good(POWER, T0, 3.0))));
        deliver(List.of(edge.death(0)));
        assertEquals(Quality.GOOD, power().quality(), "a will of an older CONNECT (bdSeq 0) is ignored");
        deliver(List.of(edge.death(1)));
        assertEquals(Quality.UNCERTAIN, power().quality());
        assertTrue(power().reason().startsWith("stale: edge node edge-a offline (NDEATH, bdSeq 1)"), power().reason());
        assertEquals(3.0, power().value());
    }

    @Test
    void dataFromAnUnknownNodeOrOutOfSequenceAsksForARebirth() {
        List<EdgeMessage> births = edge.birth(0);
        List<EdgeMessage> data = edge.onSamples(List.of(Sample.good(POWER, T0, 1.0)));
        assertEquals(Optional.of(SparkplugTopic.node("plants", MessageType.NCMD, "edge-a")), deliver(data),
                "DDATA before any birth");
        deliver(births);
        edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(1), 2.0))); // lost on the way: seq gap
        assertTrue(deliver(edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(2), 3.0)))).isPresent());
        assertEquals(3.0, power().value(), "the value is applied anyway");
        assertEquals(Optional.empty(), deliver(edge.onSamples(List.of(Sample.good(POWER, T0.plusSeconds(3), 4.0)))));
    }

    @Test
    void garbageIsCountedNotApplied() {
        assertEquals(Optional.empty(), view.accept("spBv1.0/plants/DDATA/edge-a/m1", new byte[] {0x12, 0x7f}, T0));
        assertEquals(Optional.empty(), view.accept("other/topic", new byte[0], T0));
        assertEquals(2, view.counts()[2]);
    }
}
