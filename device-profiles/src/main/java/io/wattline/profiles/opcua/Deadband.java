package io.wattline.profiles.opcua;

import java.util.Locale;

/**
 * A data-change deadband for one monitored item: none, absolute (in the point's unit) or
 * percent (of the variable's EURange, which the server must expose).
 */
public record Deadband(Type type, double value) {

    /** The OPC UA deadband types (Part 4, DataChangeFilter). */
    public enum Type { NONE, ABSOLUTE, PERCENT }

    public static final Deadband NONE = new Deadband(Type.NONE, 0);

    public Deadband {
        if (!(value >= 0) || (type == Type.PERCENT && value > 100)) {
            throw new IllegalArgumentException("deadband " + type.name().toLowerCase(Locale.ROOT)
                    + " must be >= 0" + (type == Type.PERCENT ? " and <= 100" : "") + ", got " + value);
        }
    }

    /** Parses {@code 0.5} (absolute) or {@code 2%} (percent); null or blank means none. */
    public static Deadband parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String t = text.trim();
        if (t.endsWith("%")) {
            return new Deadband(Type.PERCENT, Double.parseDouble(t.substring(0, t.length() - 1).trim()));
        }
        return new Deadband(Type.ABSOLUTE, Double.parseDouble(t));
    }
}
