package io.wattline.profiles;

/**
 * Register encodings, named for exactly what is on the wire: {@code INT32} with a scale is a
 * scaled integer, never a "float" (the Telegraf FLOAT32 confusion).
 */
public enum DataType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), INT64(4), UINT64(4), FLOAT32(2), FLOAT64(4),
    /** One bit of a 16-bit status word; the point names the bit (0 = least significant). */
    BIT(1);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Number of 16-bit registers the value occupies. */
    public int registerCount() {
        return registers;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
