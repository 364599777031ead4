package io.wattline.profiles;

import java.util.Locale;

/** The four Modbus data tables and the read function code for each. */
public enum RegisterFunction {
    COIL(1), DISCRETE(2), HOLDING(3), INPUT(4);

    private final int readFunctionCode;

    RegisterFunction(int fc) {
        this.readFunctionCode = fc;
    }

    public int readFunctionCode() {
        return readFunctionCode;
    }

    /** True for the bit tables (coils and discrete inputs). */
    public boolean isBit() {
        return this == COIL || this == DISCRETE;
    }

    public static RegisterFunction parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
