package io.wattline.core.plant;

import java.util.Locale;

/** What a meter measures the flow of; each carrier has its own accounting unit. */
public enum EnergyCarrier {
    ELECTRICITY("kWh"),
    WATER("m3"),
    NATURAL_GAS("m3"),
    STEAM("t"),
    COMPRESSED_AIR("m3"),
    HEAT("kWh"),
    /** Not an energy flow: temperature, production counts, states. */
    NONE("");

    private final String unit;

    EnergyCarrier(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public static EnergyCarrier parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
