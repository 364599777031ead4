package io.wattline.core;

import java.util.Locale;

/**
 * The shared vocabulary every device maps its points to, each in one canonical unit (after the
 * profile's scale). Analytics and the UI only know these, never a vendor's register names.
 */
public enum Quantity {
    // electricity
    ACTIVE_POWER("kW", QuantityKind.GAUGE),
    ACTIVE_POWER_L1("kW", QuantityKind.GAUGE),
    ACTIVE_POWER_L2("kW", QuantityKind.GAUGE),
    ACTIVE_POWER_L3("kW", QuantityKind.GAUGE),
    REACTIVE_POWER("kvar", QuantityKind.GAUGE),
    APPARENT_POWER("kVA", QuantityKind.GAUGE),
    POWER_FACTOR("", QuantityKind.GAUGE),
    VOLTAGE_L1_N("V", QuantityKind.GAUGE),
    VOLTAGE_L2_N("V", QuantityKind.GAUGE),
    VOLTAGE_L3_N("V", QuantityKind.GAUGE),
    VOLTAGE_L1_L2("V", QuantityKind.GAUGE),
    VOLTAGE_L2_L3("V", QuantityKind.GAUGE),
    VOLTAGE_L3_L1("V", QuantityKind.GAUGE),
    CURRENT_L1("A", QuantityKind.GAUGE),
    CURRENT_L2("A", QuantityKind.GAUGE),
    CURRENT_L3("A", QuantityKind.GAUGE),
    CURRENT_N("A", QuantityKind.GAUGE),
    FREQUENCY("Hz", QuantityKind.GAUGE),
    ACTIVE_ENERGY_IMPORT("kWh", QuantityKind.COUNTER),
    ACTIVE_ENERGY_EXPORT("kWh", QuantityKind.COUNTER),
    REACTIVE_ENERGY_IMPORT("kvarh", QuantityKind.COUNTER),
    REACTIVE_ENERGY_EXPORT("kvarh", QuantityKind.COUNTER),
    // fluids (water, gas, compressed air: volume; steam: mass)
    VOLUME_FLOW("m3/h", QuantityKind.GAUGE),
    VOLUME("m3", QuantityKind.COUNTER),
    MASS_FLOW("t/h", QuantityKind.GAUGE),
    MASS("t", QuantityKind.COUNTER),
    FLOW_VELOCITY("m/s", QuantityKind.GAUGE),
    HEAT_POWER("kW", QuantityKind.GAUGE),
    HEAT_ENERGY("kWh", QuantityKind.COUNTER),
    // process
    TEMPERATURE("degC", QuantityKind.GAUGE),
    PRESSURE("kPa", QuantityKind.GAUGE),
    RELATIVE_HUMIDITY("%", QuantityKind.GAUGE),
    // production and state
    PRODUCTION_COUNT("pcs", QuantityKind.COUNTER),
    STATUS("", QuantityKind.STATE),
    ALARM_WORD("", QuantityKind.STATE),
    // communication health of a device (the comm_* points every device has, whatever its protocol)
    /** 1 when the device answers, 0 when it does not. */
    COMM_ONLINE("", QuantityKind.STATE),
    /** 0 ONLINE, 1 DEGRADED, 2 OFFLINE, 3 DISABLED. */
    COMM_STATE("", QuantityKind.STATE),
    /** Answered ÷ sent over the recent window, 0..1. */
    COMM_SUCCESS_RATIO("", QuantityKind.GAUGE),
    /** Request-to-answer time. */
    COMM_LATENCY("ms", QuantityKind.GAUGE);

    private final String unit;
    private final QuantityKind kind;

    Quantity(String unit, QuantityKind kind) {
        this.unit = unit;
        this.kind = kind;
    }

    /** Canonical unit symbol (ASCII: {@code m3}, {@code degC}); the UI may render it prettier. */
    public String unit() {
        return unit;
    }

    public QuantityKind kind() {
        return kind;
    }

    public boolean isCounter() {
        return kind == QuantityKind.COUNTER;
    }

    /** Accepts {@code ACTIVE_POWER} or {@code active_power}. */
    public static Quantity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
