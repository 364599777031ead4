package io.wattline.core.plausible;

import io.wattline.core.Quantity;
import io.wattline.core.QuantityKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The range a value of each {@link Quantity} can plausibly have, in the quantity's canonical unit:
 * what an import or an entry outside it holds is a typing or unit error (1e308 kWh, a negative counter
 * reading), refused with the reason rather than stored. Defaults are generous (a 10 GW plant, a counter
 * up to 1e12); a plant may narrow or widen any of them ({@link #with}).
 */
public final class PlausibleValues {

    /** A closed range [min, max] in {@code unit}. */
    public record Range(double min, double max) {

        public Range {
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("a plausible range needs finite min <= max, got " + min + ".." + max);
            }
        }

        public boolean contains(double value) {
            return value >= min && value <= max;
        }
    }

    /** A counter never goes below zero; 1e12 kWh is a thousand years of a 100 MW plant. */
    static final Range COUNTER = new Range(0, 1e12);

    private static final Map<Quantity, Range> DEFAULTS = defaults();

    private final Map<Quantity, Range> ranges;

    private PlausibleValues(Map<Quantity, Range> ranges) {
        this.ranges = ranges;
    }

    /** The built-in ranges. */
    public static PlausibleValues standard() {
        return new PlausibleValues(DEFAULTS);
    }

    /** These ranges with {@code quantity}'s replaced. */
    public PlausibleValues with(Quantity quantity, Range range) {
        Map<Quantity, Range> copy = new EnumMap<>(ranges);
        copy.put(quantity, range);
        return new PlausibleValues(copy);
    }

    public Range rangeOf(Quantity quantity) {
        return ranges.get(quantity);
    }

    /**
     * The rate a counter's increase is measured against: {@code ACTIVE_POWER} (kW) for an active energy
     * counter (kWh), {@code VOLUME_FLOW} (m3/h) for a volume counter (m3), and so on; empty for a counter
     * without one (production counts).
     */
    public static Optional<Quantity> rateOf(Quantity counter) {
        return Optional.ofNullable(switch (counter) {
            case ACTIVE_ENERGY_IMPORT, ACTIVE_ENERGY_EXPORT -> Quantity.ACTIVE_POWER;
            case REACTIVE_ENERGY_IMPORT, REACTIVE_ENERGY_EXPORT -> Quantity.REACTIVE_POWER;
            case VOLUME -> Quantity.VOLUME_FLOW;
            case MASS -> Quantity.MASS_FLOW;
            case HEAT_ENERGY -> Quantity.HEAT_POWER;
            default -> null;
        });
    }

    /**
     * The default plausibility limit of a counter, in counter units per hour: the largest magnitude of
     * its rate quantity's plausible range (10 GW for an energy counter unless the plant narrows
     * {@code ACTIVE_POWER}); infinite when the counter has no rate quantity.
     */
    public double maxRatePerHour(Quantity counter) {
        return rateOf(counter).map(this::rangeOf)
                .map(r -> Math.max(Math.abs(r.min()), Math.abs(r.max())))
                .filter(limit -> limit > 0)
                .orElse(Double.POSITIVE_INFINITY);
    }

    /** The quantities whose range differs from the built-in one, with their ranges (for display). */
    public Map<Quantity, Range> overrides() {
        Map<Quantity, Range> out = new EnumMap<>(Quantity.class);
        ranges.forEach((q, r) -> {
            if (!r.equals(DEFAULTS.get(q))) {
                out.put(q, r);
            }
        });
        return out;
    }

    /**
     * Why {@code value} is not a plausible {@code quantity}, in English and Chinese; empty when it is.
     * Not finite (NaN, infinite) and out of range are refused alike.
     */
    public Optional<String> problem(Quantity quantity, double value) {
        String unit = quantity.unit().isEmpty() ? "" : " " + quantity.unit();
        if (!Double.isFinite(value)) {
            return Optional.of("value " + value + " is not a finite number (数值无效)");
        }
        Range r = rangeOf(quantity);
        if (quantity.kind() == QuantityKind.COUNTER && value < 0) {
            return Optional.of("a counter reading is never negative, got " + value + unit + " (累计读数不能为负)");
        }
        if (!r.contains(value)) {
            return Optional.of(quantity + " value " + value + unit + " is outside the plausible range " + r.min()
                    + ".." + r.max() + unit + " (数值超出合理范围)");
        }
        return Optional.empty();
    }

    private static Map<Quantity, Range> defaults() {
        Map<Quantity, Range> m = new EnumMap<>(Quantity.class);
        Range power = new Range(-1e7, 1e7);
        Range voltage = new Range(0, 1e6);
        Range current = new Range(-1e6, 1e6);
        for (Quantity q : Quantity.values()) {
            Range r = switch (q) {
                case ACTIVE_POWER, ACTIVE_POWER_L1, ACTIVE_POWER_L2, ACTIVE_POWER_L3, REACTIVE_POWER, HEAT_POWER -> power;
                case APPARENT_POWER -> new Range(0, 1e7);
                case POWER_FACTOR -> new Range(-1, 1);
                case VOLTAGE_L1_N, VOLTAGE_L2_N, VOLTAGE_L3_N, VOLTAGE_L1_L2, VOLTAGE_L2_L3, VOLTAGE_L3_L1 -> voltage;
                case CURRENT_L1, CURRENT_L2, CURRENT_L3, CURRENT_N -> current;
                case FREQUENCY -> new Range(0, 1000);
                case VOLUME_FLOW -> new Range(-1e7, 1e7);
                case MASS_FLOW -> new Range(-1e5, 1e5);
                case FLOW_VELOCITY -> new Range(-100, 100);
                case TEMPERATURE -> new Range(-273.15, 3000);
                case PRESSURE -> new Range(-101.325, 1e6);
                case RELATIVE_HUMIDITY -> new Range(0, 100);
                case STATUS, ALARM_WORD -> new Range(-4_294_967_296.0, 4_294_967_296.0);
                case COMM_ONLINE -> new Range(0, 1);
                case COMM_STATE -> new Range(0, 3);
                case COMM_SUCCESS_RATIO -> new Range(0, 1);
                case COMM_LATENCY -> new Range(0, 3.6e6);
                default -> q.kind() == QuantityKind.COUNTER ? COUNTER : new Range(-1e12, 1e12);
            };
            m.put(q, r);
        }
        return Map.copyOf(m);
    }
}
