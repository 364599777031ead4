package io.wattline.web.opcua;

import java.util.Map;
import java.util.Optional;

/**
 * Wattline's canonical unit symbols as UNECE Recommendation 20 common codes, the unit catalogue
 * OPC UA's EUInformation uses (Part 8, namespace {@code http://www.opcfoundation.org/UA/units/un/cefact}).
 */
final class UneceUnits {

    static final String NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("kW", "KWT"), Map.entry("kWh", "KWH"), Map.entry("kvar", "KVR"), Map.entry("kvarh", "K3"),
            Map.entry("kVA", "KVA"), Map.entry("V", "VLT"), Map.entry("A", "AMP"), Map.entry("Hz", "HTZ"),
            Map.entry("m3", "MTQ"), Map.entry("m3/h", "MQH"), Map.entry("t", "TNE"), Map.entry("t/h", "E18"),
            Map.entry("m/s", "MTS"), Map.entry("degC", "CEL"), Map.entry("kPa", "KPA"), Map.entry("%", "P1"),
            Map.entry("pcs", "H87"), Map.entry("", "C62"));

    private UneceUnits() {
    }

    /** The common code of a Wattline unit symbol, e.g. {@code kWh} → {@code KWH}. */
    static Optional<String> code(String unit) {
        return Optional.ofNullable(CODES.get(unit == null ? "" : unit));
    }

    /** The UnitId OPC UA derives from a common code: its ASCII bytes, big-endian (Part 8, 5.6.3). */
    static int unitId(String code) {
        int id = 0;
        for (char c : code.toCharArray()) {
            id = (id << 8) | c;
        }
        return id;
    }

    /** How the unit reads to a person, e.g. {@code m³}, {@code °C}. */
    static String display(String unit) {
        return switch (unit == null ? "" : unit) {
            case "m3" -> "m³";
            case "m3/h" -> "m³/h";
            case "degC" -> "°C";
            default -> unit == null ? "" : unit;
        };
    }
}
