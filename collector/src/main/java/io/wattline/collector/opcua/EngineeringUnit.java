package io.wattline.collector.opcua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit an OPC UA server can declare in a variable's EngineeringUnits (UNECE Rec. 20 common code,
 * OPC UA Part 8), with what it is worth in the base unit of its dimension, so that a value in one
 * unit converts to any other of the same dimension: {@code base = value × factor + offset}.
 *
 * @param code      the UNECE common code, e.g. {@code KWT}
 * @param symbol    how Wattline writes it; the canonical units carry the symbol of {@code core.Quantity}
 * @param dimension what it measures; units of different dimensions never convert
 */
record EngineeringUnit(String code, String symbol, Dimension dimension, double factor, double offset) {

    /** The namespace of UNECE unit ids in EUInformation. */
    static final String UNECE_NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";

    /** What a unit measures. */
    enum Dimension {
        POWER, ENERGY, REACTIVE_POWER, REACTIVE_ENERGY, APPARENT_POWER, VOLTAGE, CURRENT, FREQUENCY,
        VOLUME_FLOW, VOLUME, MASS_FLOW, MASS, SPEED, TEMPERATURE, PRESSURE, RATIO
    }

    private static final List<EngineeringUnit> ALL = List.of(
            new EngineeringUnit("WTT", "W", Dimension.POWER, 0.001, 0),
            new EngineeringUnit("KWT", "kW", Dimension.POWER, 1, 0),
            new EngineeringUnit("MAW", "MW", Dimension.POWER, 1000, 0),
            new EngineeringUnit("WHR", "Wh", Dimension.ENERGY, 0.001, 0),
            new EngineeringUnit("KWH", "kWh", Dimension.ENERGY, 1, 0),
            new EngineeringUnit("MWH", "MWh", Dimension.ENERGY, 1000, 0),
            new EngineeringUnit("KVR", "kvar", Dimension.REACTIVE_POWER, 1, 0),
            new EngineeringUnit("K3", "kvarh", Dimension.REACTIVE_ENERGY, 1, 0),
            new EngineeringUnit("D46", "VA", Dimension.APPARENT_POWER, 0.001, 0),
            new EngineeringUnit("KVA", "kVA", Dimension.APPARENT_POWER, 1, 0),
            new EngineeringUnit("MVA", "MVA", Dimension.APPARENT_POWER, 1000, 0),
            new EngineeringUnit("VLT", "V", Dimension.VOLTAGE, 1, 0),
            new EngineeringUnit("KVT", "kV", Dimension.VOLTAGE, 1000, 0),
            new EngineeringUnit("AMP", "A", Dimension.CURRENT, 1, 0),
            new EngineeringUnit("B22", "kA", Dimension.CURRENT, 1000, 0),
            new EngineeringUnit("HTZ", "Hz", Dimension.FREQUENCY, 1, 0),
            new EngineeringUnit("KHZ", "kHz", Dimension.FREQUENCY, 1000, 0),
            new EngineeringUnit("MQH", "m3/h", Dimension.VOLUME_FLOW, 1, 0),
            new EngineeringUnit("MQS", "m3/s", Dimension.VOLUME_FLOW, 3600, 0),
            new EngineeringUnit("G53", "m3/min", Dimension.VOLUME_FLOW, 60, 0),
            new EngineeringUnit("G51", "L/s", Dimension.VOLUME_FLOW, 3.6, 0),
            new EngineeringUnit("L2", "L/min", Dimension.VOLUME_FLOW, 0.06, 0),
            new EngineeringUnit("MTQ", "m3", Dimension.VOLUME, 1, 0),
            new EngineeringUnit("LTR", "L", Dimension.VOLUME, 0.001, 0),
            new EngineeringUnit("E18", "t/h", Dimension.MASS_FLOW, 1, 0),
            new EngineeringUnit("E93", "kg/h", Dimension.MASS_FLOW, 0.001, 0),
            new EngineeringUnit("KGS", "kg/s", Dimension.MASS_FLOW, 3.6, 0),
            new EngineeringUnit("TNE", "t", Dimension.MASS, 1, 0),
            new EngineeringUnit("KGM", "kg", Dimension.MASS, 0.001, 0),
            new EngineeringUnit("MTS", "m/s", Dimension.SPEED, 1, 0),
            new EngineeringUnit("KMH", "km/h", Dimension.SPEED, 1 / 3.6, 0),
            new EngineeringUnit("CEL", "degC", Dimension.TEMPERATURE, 1, 0),
            new EngineeringUnit("KEL", "K", Dimension.TEMPERATURE, 1, -273.15),
            new EngineeringUnit("FAH", "degF", Dimension.TEMPERATURE, 5.0 / 9, -32 * 5.0 / 9),
            new EngineeringUnit("KPA", "kPa", Dimension.PRESSURE, 1, 0),
            new EngineeringUnit("PAL", "Pa", Dimension.PRESSURE, 0.001, 0),
            new EngineeringUnit("A97", "hPa", Dimension.PRESSURE, 0.1, 0),
            new EngineeringUnit("MBR", "mbar", Dimension.PRESSURE, 0.1, 0),
            new EngineeringUnit("BAR", "bar", Dimension.PRESSURE, 100, 0),
            new EngineeringUnit("MPA", "MPa", Dimension.PRESSURE, 1000, 0),
            // Plain numbers: "one", percent, pieces (a count is a number of things).
            new EngineeringUnit("C62", "", Dimension.RATIO, 1, 0),
            new EngineeringUnit("P1", "%", Dimension.RATIO, 0.01, 0),
            new EngineeringUnit("H87", "pcs", Dimension.RATIO, 1, 0));

    // Other spellings servers put into the display name when they give no UNECE unit id.
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("m³/h", "m3/h"), Map.entry("m³/s", "m3/s"), Map.entry("m³/min", "m3/min"),
            Map.entry("m³", "m3"), Map.entry("l/s", "L/s"), Map.entry("l/min", "L/min"), Map.entry("l", "L"),
            Map.entry("°C", "degC"), Map.entry("℃", "degC"), Map.entry("°F", "degF"), Map.entry("1", ""),
            Map.entry("KW", "kW"), Map.entry("KWh", "kWh"), Map.entry("kwh", "kWh"),
            Map.entry("kw", "kW"), Map.entry("pc", "pcs"));

    private static final Map<Integer, EngineeringUnit> BY_UNIT_ID = new HashMap<>();
    private static final Map<String, EngineeringUnit> BY_SYMBOL = new HashMap<>();

    static {
        for (EngineeringUnit u : ALL) {
            BY_UNIT_ID.put(unitId(u.code()), u);
            BY_SYMBOL.put(u.symbol(), u);
        }
    }

    /**
     * The unit an EUInformation names: by its UNECE unit id when it is in the UNECE namespace (or
     * gives no namespace), else by its display name; empty for a unit this table does not know.
     */
    static Optional<EngineeringUnit> declared(String namespaceUri, int unitId, String displayName) {
        boolean unece = namespaceUri == null || namespaceUri.isBlank() || UNECE_NAMESPACE.equals(namespaceUri);
        if (unece && unitId > 0 && BY_UNIT_ID.containsKey(unitId)) {
            return Optional.of(BY_UNIT_ID.get(unitId));
        }
        return bySymbol(displayName);
    }

    /** The unit Wattline writes as {@code symbol} ({@code kW}, {@code m3/h}, {@code degC}, or an alias such as {@code °C}). */
    static Optional<EngineeringUnit> bySymbol(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String s = symbol.trim();
        return Optional.ofNullable(BY_SYMBOL.get(ALIASES.getOrDefault(s, s)));
    }

    /**
     * The conversion from this unit to {@code target}: {@code target value = value × scale + offset};
     * empty when the two measure different things.
     */
    Optional<LinearConversion> to(EngineeringUnit target) {
        if (dimension != target.dimension) {
            return Optional.empty();
        }
        return Optional.of(new LinearConversion(factor / target.factor, (offset - target.offset) / target.factor));
    }

    /** How a unit is shown to people: its symbol, or {@code 1} for a plain number. */
    String shown() {
        return symbol.isEmpty() ? "1 (C62)" : symbol;
    }

    /** Every unit with its code, for documentation and tests. */
    static List<EngineeringUnit> all() {
        return new ArrayList<>(ALL);
    }

    /** The EUInformation unit id of a UNECE common code (OPC UA Part 8, 5.6.3): its characters packed into an int. */
    static int unitId(String code) {
        int id = 0;
        for (char c : code.toCharArray()) {
            id = (id << 8) | c;
        }
        return id;
    }

    /** {@code value × scale + offset}. */
    record LinearConversion(double scale, double offset) {

        static final LinearConversion IDENTITY = new LinearConversion(1, 0);

        double apply(double value) {
            return value * scale + offset;
        }

        boolean isIdentity() {
            return same(this, IDENTITY);
        }

        /** Equal up to rounding: a profile's scale of 0.001 is the conversion W → kW. */
        static boolean same(LinearConversion a, LinearConversion b) {
            return close(a.scale, b.scale) && close(a.offset, b.offset);
        }

        private static boolean close(double x, double y) {
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
        }
    }
}
