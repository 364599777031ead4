package io.wattline.fleet.sparkplug;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Sparkplug B metric. {@code name} is set in births and NCMD, {@code alias} in births and data;
 * {@code datatype} may be null in data messages (tck-id-payloads-metric-datatype-not-req).
 * {@code value} is a Long (integer types), Float, Double, Boolean or String, or null with {@code isNull}.
 *
 * @param properties keys to values, in order ({@code Quality}, {@code engUnit}...)
 */
public record Metric(String name, Long alias, Instant timestamp, DataType datatype, boolean historical,
        boolean isNull, Map<String, PropertyValue> properties, Object value) {

    /** Sparkplug's quality codes (spec 6.4.7 Quality Codes). */
    public static final int QUALITY_BAD = 0;
    public static final int QUALITY_GOOD = 192;
    public static final int QUALITY_STALE = 500;
    public static final String QUALITY = "Quality";

    public Metric {
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        if (isNull && value != null) {
            throw new IllegalArgumentException("metric " + name + " is null but has value " + value);
        }
    }

    public static Metric of(String name, Long alias, Instant timestamp, DataType type, Object value) {
        return new Metric(name, alias, timestamp, type, false, value == null, Map.of(), value);
    }

    public Metric withProperties(Map<String, PropertyValue> props) {
        return new Metric(name, alias, timestamp, datatype, historical, isNull, props, value);
    }

    /** The Quality property, or GOOD when absent (it is optional unless the quality is not GOOD). */
    public int quality() {
        PropertyValue q = properties.get(QUALITY);
        return q == null || !(q.value() instanceof Number n) ? QUALITY_GOOD : n.intValue();
    }

    /** The value as a double (NaN when null or not numeric; booleans are 1 and 0). */
    public double doubleValue() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.NaN;
    }

    /** A property's value with its Sparkplug type; {@code value} null with {@code isNull}. */
    public record PropertyValue(DataType type, Object value) {
        public PropertyValue {
            Objects.requireNonNull(type, "type");
        }

        public static PropertyValue int32(int v) {
            return new PropertyValue(DataType.INT32, (long) v);
        }

        public static PropertyValue string(String v) {
            return new PropertyValue(DataType.STRING, v);
        }
    }
}
