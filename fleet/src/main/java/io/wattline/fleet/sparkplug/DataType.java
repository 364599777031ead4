package io.wattline.fleet.sparkplug;

/**
 * The Sparkplug B basic data types Wattline publishes (numbers of {@code sparkplug_b.proto}'s
 * {@code DataType} enum). Others decode as {@link #UNKNOWN} with their raw number kept by the codec.
 */
public enum DataType {
    UNKNOWN(0), INT8(1), INT16(2), INT32(3), INT64(4), UINT8(5), UINT16(6), UINT32(7), UINT64(8),
    FLOAT(9), DOUBLE(10), BOOLEAN(11), STRING(12), DATETIME(13), TEXT(14);

    private final int code;

    DataType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DataType of(int code) {
        for (DataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** Which oneof field of a Metric carries this type's value (10 int, 11 long, 12 float, 13 double, 14 bool, 15 string). */
    int metricValueField() {
        return switch (this) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> 10;
            case INT64, UINT64, DATETIME -> 11;
            case FLOAT -> 12;
            case DOUBLE -> 13;
            case BOOLEAN -> 14;
            case STRING, TEXT -> 15;
            case UNKNOWN -> throw new IllegalArgumentException("no value field for data type UNKNOWN");
        };
    }
}
