package io.wattline.fleet.sparkplug;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes Sparkplug B payloads on the wire format of Eclipse Tahu's
 * {@code sparkplug_b.proto} (field numbers cited below), written with protobuf-java's coded
 * streams rather than generated classes: Wattline uses a small subset (scalar metrics with
 * properties), and unknown fields are skipped on decoding. Conformance is checked by decoding our
 * bytes with Tahu's own decoder (FleetConformanceTest).
 */
public final class SparkplugCodec {

    // Payload
    private static final int P_TIMESTAMP = 1, P_METRICS = 2, P_SEQ = 3;
    // Payload.Metric
    private static final int M_NAME = 1, M_ALIAS = 2, M_TIMESTAMP = 3, M_DATATYPE = 4, M_HISTORICAL = 5,
            M_IS_NULL = 7, M_PROPERTIES = 9, M_INT = 10, M_LONG = 11, M_FLOAT = 12, M_DOUBLE = 13, M_BOOL = 14,
            M_STRING = 15;
    // Payload.PropertySet and Payload.PropertyValue
    private static final int PS_KEYS = 1, PS_VALUES = 2;
    private static final int PV_TYPE = 1, PV_IS_NULL = 2, PV_INT = 3, PV_LONG = 4, PV_FLOAT = 5, PV_DOUBLE = 6,
            PV_BOOL = 7, PV_STRING = 8;

    private SparkplugCodec() {
    }

    public static byte[] encode(SparkplugPayload payload) {
        return write(out -> {
            if (payload.timestamp() != null) {
                out.writeUInt64(P_TIMESTAMP, payload.timestamp().toEpochMilli());
            }
            for (Metric m : payload.metrics()) {
                out.writeByteArray(P_METRICS, encodeMetric(m));
            }
            if (payload.seq() != null) {
                out.writeUInt64(P_SEQ, payload.seq());
            }
        });
    }

    private static byte[] encodeMetric(Metric m) {
        return write(out -> {
            if (m.name() != null) {
                out.writeString(M_NAME, m.name());
            }
            if (m.alias() != null) {
                out.writeUInt64(M_ALIAS, m.alias());
            }
            if (m.timestamp() != null) {
                out.writeUInt64(M_TIMESTAMP, m.timestamp().toEpochMilli());
            }
            if (m.datatype() != null) {
                out.writeUInt32(M_DATATYPE, m.datatype().code());
            }
            if (m.historical()) {
                out.writeBool(M_HISTORICAL, true);
            }
            if (m.isNull()) {
                out.writeBool(M_IS_NULL, true);
            }
            if (!m.properties().isEmpty()) {
                out.writeByteArray(M_PROPERTIES, encodeProperties(m.properties()));
            }
            if (m.value() != null) {
                writeValue(out, m.name(), m.datatype(), m.value(), M_INT, M_LONG, M_FLOAT, M_DOUBLE, M_BOOL, M_STRING);
            }
        });
    }

    private static byte[] encodeProperties(Map<String, Metric.PropertyValue> props) {
        return write(out -> {
            for (String key : props.keySet()) {
                out.writeString(PS_KEYS, key);
            }
            for (Metric.PropertyValue v : props.values()) {
                out.writeByteArray(PS_VALUES, write(pv -> {
                    pv.writeUInt32(PV_TYPE, v.type().code());
                    if (v.value() == null) {
                        pv.writeBool(PV_IS_NULL, true);
                    } else {
                        writeValue(pv, "property", v.type(), v.value(), PV_INT, PV_LONG, PV_FLOAT, PV_DOUBLE, PV_BOOL,
                                PV_STRING);
                    }
                }));
            }
        });
    }

    private static void writeValue(CodedOutputStream out, String what, DataType type, Object value, int fInt,
            int fLong, int fFloat, int fDouble, int fBool, int fString) throws IOException {
        if (type == null) {
            type = value instanceof Double ? DataType.DOUBLE : value instanceof Float ? DataType.FLOAT
                    : value instanceof Boolean ? DataType.BOOLEAN : value instanceof String ? DataType.STRING
                    : DataType.INT64;
        }
        try {
            switch (type.metricValueField()) {
                case 10 -> out.writeUInt32(fInt, (int) ((Number) value).longValue());
                case 11 -> out.writeUInt64(fLong, ((Number) value).longValue());
                case 12 -> out.writeFloat(fFloat, ((Number) value).floatValue());
                case 13 -> out.writeDouble(fDouble, ((Number) value).doubleValue());
                case 14 -> out.writeBool(fBool, (Boolean) value);
                default -> out.writeString(fString, value.toString());
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(what + ": value " + value + " does not fit data type " + type, e);
        }
    }

    /** Decodes a payload; throws IllegalArgumentException naming the problem on malformed bytes. */
    public static SparkplugPayload decode(byte[] bytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            Instant timestamp = null;
            Long seq = null;
            List<Metric> metrics = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case P_TIMESTAMP -> timestamp = Instant.ofEpochMilli(in.readUInt64());
                    case P_METRICS -> metrics.add(decodeMetric(in.readByteArray()));
                    case P_SEQ -> seq = in.readUInt64();
                    default -> in.skipField(tag);
                }
            }
            return new SparkplugPayload(timestamp, metrics, seq);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Sparkplug B payload: " + e.getMessage(), e);
        }
    }

    private static Metric decodeMetric(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = null;
        Long alias = null;
        Instant timestamp = null;
        DataType type = null;
        boolean historical = false;
        boolean isNull = false;
        Map<String, Metric.PropertyValue> props = Map.of();
        long rawInt = 0;
        Object value = null;
        boolean intValue = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case M_NAME -> name = in.readString();
                case M_ALIAS -> alias = in.readUInt64();
                case M_TIMESTAMP -> timestamp = Instant.ofEpochMilli(in.readUInt64());
                case M_DATATYPE -> type = DataType.of(in.readUInt32());
                case M_HISTORICAL -> historical = in.readBool();
                case M_IS_NULL -> isNull = in.readBool();
                case M_PROPERTIES -> props = decodeProperties(in.readByteArray());
                case M_INT -> {
                    rawInt = Integer.toUnsignedLong(in.readUInt32());
                    intValue = true;
                }
                case M_LONG -> value = in.readUInt64();
                case M_FLOAT -> value = in.readFloat();
                case M_DOUBLE -> value = in.readDouble();
                case M_BOOL -> value = in.readBool();
                case M_STRING -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        if (intValue) {
            value = signed(type, rawInt);
        }
        return new Metric(name, alias, timestamp, type, historical, isNull && value == null, props, value);
    }

    private static Map<String, Metric.PropertyValue> decodeProperties(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<String> keys = new ArrayList<>();
        List<Metric.PropertyValue> values = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case PS_KEYS -> keys.add(in.readString());
                case PS_VALUES -> values.add(decodePropertyValue(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
        if (keys.size() != values.size()) {
            throw new IOException("property set has " + keys.size() + " keys but " + values.size() + " values");
        }
        Map<String, Metric.PropertyValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), values.get(i));
        }
        return map;
    }

    private static Metric.PropertyValue decodePropertyValue(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        DataType type = DataType.UNKNOWN;
        Object value = null;
        Long rawInt = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case PV_TYPE -> type = DataType.of(in.readUInt32());
                case PV_INT -> rawInt = Integer.toUnsignedLong(in.readUInt32());
                case PV_LONG -> value = in.readUInt64();
                case PV_FLOAT -> value = in.readFloat();
                case PV_DOUBLE -> value = in.readDouble();
                case PV_BOOL -> value = in.readBool();
                case PV_STRING -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        if (rawInt != null) {
            value = signed(type, rawInt);
        }
        return new Metric.PropertyValue(type, value);
    }

    /** int_value is a uint32 on the wire; signed types carry their two's complement. */
    private static long signed(DataType type, long raw) {
        return switch (type == null ? DataType.UNKNOWN : type) {
            case INT8 -> (byte) raw;
            case INT16 -> (short) raw;
            case INT32 -> (int) raw;
            default -> raw;
        };
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
