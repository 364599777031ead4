package io.wattline.fleet.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.fleet.sparkplug.Metric.PropertyValue;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkplugCodecTest {

    private static final Instant T = Instant.parse("2026-12-02T08:00:00.123Z");

    @Test
    void everyValueKindSurvivesARoundTrip() {
        Map<String, PropertyValue> props = new LinkedHashMap<>();
        props.put("engUnit", PropertyValue.string("kW"));
        props.put(Metric.QUALITY, PropertyValue.int32(500));
        List<Metric> metrics = List.of(
                new Metric("p", 7L, T, DataType.DOUBLE, false, false, props, 12.5),
                Metric.of("f", 8L, T, DataType.FLOAT, 1.5f),
                Metric.of("i", 9L, T, DataType.INT32, -3L),
                Metric.of("l", 10L, T, DataType.INT64, 1L << 40),
                Metric.of("b", null, T, DataType.BOOLEAN, true),
                Metric.of("s", 11L, T, DataType.STRING, "电表 1"),
                new Metric(null, 12L, T, null, true, true, Map.of(), null));
        SparkplugPayload p = new SparkplugPayload(T, metrics, 255L);

        SparkplugPayload back = SparkplugCodec.decode(SparkplugCodec.encode(p));

        assertEquals(p, back);
        assertEquals(500, back.metrics().get(0).quality());
        assertEquals(192, back.metrics().get(1).quality(), "no Quality property means GOOD");
        assertTrue(back.metrics().get(6).historical());
    }

    @Test
    void wireBytesFollowSparkplugBProtoFieldNumbers() {
        // timestamp (field 1, varint) = 1, metric (field 2) {name "a" (1), alias 2 (2), datatype 10 (4),
        // double_value 1.0 (13, fixed64)}, seq (field 3) = 5
        byte[] expected = HexFormat.of().parseHex("0801" + "1210" + "0a0161" + "1002" + "200a"
                + "69000000000000f03f" + "1805");
        SparkplugPayload p = new SparkplugPayload(Instant.ofEpochMilli(1),
                List.of(new Metric("a", 2L, null, DataType.DOUBLE, false, false, Map.of(), 1.0)), 5L);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(SparkplugCodec.encode(p)));
    }

    @Test
    void malformedBytesAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkplugCodec.decode(new byte[] {0x12, 0x7f, 0x01}));
        assertTrue(e.getMessage().startsWith("not a Sparkplug B payload"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "spBv1.0/plants/NBIRTH/edge-a,       NBIRTH, edge-a, ",
        "spBv1.0/plants/NDEATH/edge-a,       NDEATH, edge-a, ",
        "spBv1.0/plants/DBIRTH/edge-a/m1,    DBIRTH, edge-a, m1",
        "spBv1.0/plants/DDATA/edge-a/m1,     DDATA,  edge-a, m1",
        "spBv1.0/plants/NCMD/edge-a,         NCMD,   edge-a, "})
    void topicsParseAndPrintBack(String topic, MessageType type, String node, String device) {
        SparkplugTopic t = SparkplugTopic.parse(topic);
        assertEquals(type, t.type());
        assertEquals("plants", t.group());
        assertEquals(node, t.edgeNode());
        assertEquals(device, t.device());
        assertEquals(topic, t.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "spAv1.0/plants/NBIRTH/edge-a,        is not a spBv1.0",
        "spBv1.0/plants/NBIRTH/edge-a/m1,     elements",
        "spBv1.0/plants/DDATA/edge-a,         elements",
        "spBv1.0/plants/HELLO/edge-a,         unknown Sparkplug message type",
        "spBv1.0/pl+nts/NBIRTH/edge-a,        none of + / #",
        "spBv1.0//NBIRTH/edge-a,              none of + / #"})
    void badTopicsSayWhatIsWrong(String topic, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkplugTopic.parse(topic));
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
    }

    @Test
    void sequenceNumbersStartAtZeroAndWrapAfter255() {
        SequenceNumbers seq = new SequenceNumbers();
        assertEquals(0, seq.birth());
        long last = 0;
        for (int i = 0; i < 600; i++) {
            long next = seq.next();
            assertTrue(SequenceNumbers.follows(last, next), last + " -> " + next);
            last = next;
        }
        assertFalse(SequenceNumbers.follows(3, 5));
        assertTrue(SequenceNumbers.follows(255, 0));
        assertEquals(0, seq.birth(), "a rebirth starts again at 0");
        assertEquals(1, seq.next());
    }

    @Test
    void bdSeqGoesUpWithEveryConnectAndRebirthKeepsIt() {
        BirthDeathSequence bd = new BirthDeathSequence();
        assertThrows(IllegalStateException.class, bd::current);
        assertEquals(0, bd.forNewConnect());
        assertEquals(0, bd.current());
        assertEquals(1, bd.forNewConnect());
        assertEquals(1, bd.current());
        for (int i = 2; i < 256; i++) {
            bd.forNewConnect();
        }
        assertEquals(0, bd.forNewConnect(), "wraps after 255");
    }

    @Test
    void aNullMetricCarriesNoValue() {
        assertThrows(IllegalArgumentException.class,
                () -> new Metric("x", 1L, T, DataType.DOUBLE, false, true, Map.of(), 1.0));
        assertNull(SparkplugCodec.decode(SparkplugCodec.encode(new SparkplugPayload(T, List.of(), null))).seq());
    }
}
