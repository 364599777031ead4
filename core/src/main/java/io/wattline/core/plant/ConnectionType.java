package io.wattline.core.plant;

import java.util.Locale;

/** The transport a connection speaks. */
public enum ConnectionType {
    MODBUS_TCP,
    MODBUS_RTU,
    MODBUS_RTU_OVER_TCP,
    OPC_UA;

    /** Accepts the configuration spelling, e.g. {@code modbus-tcp}. */
    public static ConnectionType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
