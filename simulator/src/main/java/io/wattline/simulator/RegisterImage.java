package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import io.wattline.profiles.codec.RegisterCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The register map of one simulated device, built from its profile: which addresses answer
 * (the profile's readable ranges, or the points themselves when it declares none), and the words
 * a read returns for given readings, encoded with {@link RegisterCodec} exactly as the profile
 * says. Counters wrap at the point's {@code counterMax}. Addresses inside a readable range that
 * no point covers read as 0.
 */
public final class RegisterImage {

    /** A read outside the readable ranges: a real device answers ILLEGAL DATA ADDRESS. */
    public static final class OutsideReadableRange extends Exception {
        OutsideReadableRange(String message) {
            super(message);
        }
    }

    private final DeviceProfile profile;
    private final Map<String, Double> fixedValues;
    private final Map<RegisterFunction, List<int[]>> readable = new EnumMap<>(RegisterFunction.class);
    private final Map<RegisterFunction, List<PointDefinition>> points = new EnumMap<>(RegisterFunction.class);

    /**
     * @param fixedValues values of points (by point name) that are settings rather than
     *                    measurements, e.g. a temperature offset; served as given
     */
    public RegisterImage(DeviceProfile profile, Map<String, Double> fixedValues) {
        this.profile = profile;
        this.fixedValues = Map.copyOf(fixedValues);
        for (RegisterFunction f : RegisterFunction.values()) {
            List<PointDefinition> ps = profile.points().stream().filter(p -> p.function() == f)
                    .sorted(Comparator.comparingInt(PointDefinition::address)).toList();
            points.put(f, ps);
            List<int[]> spans = new ArrayList<>();
            if (profile.readable().isEmpty()) {
                ps.forEach(p -> spans.add(new int[] {p.address(), p.end()}));
            } else {
                for (RegisterRange r : profile.readable()) {
                    if (r.function() == f) {
                        spans.add(new int[] {r.start(), r.end()});
                    }
                }
            }
            readable.put(f, merge(spans));
        }
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** Quantities of the profile's points that are not fixed values (what the model must supply). */
    public List<Quantity> quantities() {
        return profile.points().stream().filter(p -> !fixedValues.containsKey(p.name()))
                .map(PointDefinition::quantity).distinct().toList();
    }

    /** One past the highest readable address of a table (the size a process image reports). */
    public int size(RegisterFunction function) {
        List<int[]> spans = readable.get(function);
        return spans.isEmpty() ? 0 : spans.get(spans.size() - 1)[1];
    }

    /** True when [start, start + count) lies inside one readable range of {@code function}. */
    public boolean isReadable(RegisterFunction function, int start, int count) {
        if (count <= 0) {
            return false;
        }
        for (int[] span : readable.get(function)) {
            if (start >= span[0] && start + count <= span[1]) {
                return true;
            }
        }
        return false;
    }

    /** The 16-bit words of a holding or input register read, for the given readings. */
    public int[] registers(RegisterFunction function, int start, int count, Map<Quantity, Double> readings)
            throws OutsideReadableRange {
        if (function.isBit()) {
            throw new IllegalArgumentException(function + " is a bit table; use bits()");
        }
        check(function, start, count);
        int[] words = new int[count];
        // whole values first, then the BIT points that share a status word are OR-ed into it
        for (boolean bitPass : new boolean[] {false, true}) {
            for (PointDefinition p : points.get(function)) {
                if ((p.type() == DataType.BIT) != bitPass || p.end() <= start || p.address() >= start + count) {
                    continue;
                }
                int[] encoded = RegisterCodec.encode(p, servedValue(p, readings));
                for (int i = 0; i < encoded.length; i++) {
                    int at = p.address() + i - start;
                    if (at >= 0 && at < count) {
                        words[at] = bitPass ? words[at] | encoded[i] : encoded[i];
                    }
                }
            }
        }
        return words;
    }

    /** The bits of a coil or discrete-input read. */
    public boolean[] bits(RegisterFunction function, int start, int count, Map<Quantity, Double> readings)
            throws OutsideReadableRange {
        if (!function.isBit()) {
            throw new IllegalArgumentException(function + " is a register table; use registers()");
        }
        check(function, start, count);
        boolean[] bits = new boolean[count];
        for (PointDefinition p : points.get(function)) {
            int at = p.address() - start;
            if (at >= 0 && at < count) {
                bits[at] = servedValue(p, readings) != 0;
            }
        }
        return bits;
    }

    private void check(RegisterFunction function, int start, int count) throws OutsideReadableRange {
        if (!isReadable(function, start, count)) {
            throw new OutsideReadableRange(profile.id() + ": " + function + " " + start + "+" + count
                    + " is outside the readable ranges " + describe(function));
        }
    }

    /** The value a point shows: clamped to what its type can hold, counters wrapped. */
    double servedValue(PointDefinition p, Map<Quantity, Double> readings) {
        Double fixed = fixedValues.get(p.name());
        double value = fixed != null ? fixed : readings.getOrDefault(p.quantity(), 0.0);
        if (!Double.isFinite(value)) {
            value = 0.0;
        }
        if (p.type() == DataType.BIT) {
            return value;
        }
        double raw = (value - p.offset()) / p.scale();
        if (p.quantity().isCounter()) {
            double span = p.counterMax() != null ? p.counterMax() + 1 : implicitSpan(p.type());
            if (!p.type().isFloat()) {
                raw = Math.floor(raw);
            }
            if (Double.isFinite(span)) {
                raw = raw - Math.floor(raw / span) * span;
            }
        }
        raw = clamp(p.type(), raw);
        return raw * p.scale() + p.offset();
    }

    private static double implicitSpan(DataType type) {
        return switch (type) {
            case INT16, UINT16 -> 0x1p16;
            case INT32, UINT32 -> 0x1p32;
            case INT64, UINT64 -> 0x1p64;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    private static double clamp(DataType type, double raw) {
        double min;
        double max;
        switch (type) {
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UINT16 -> { min = 0; max = 0xFFFF; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT32 -> { min = 0; max = 0xFFFF_FFFFL; }
            // the largest doubles below 2^63 and 2^64, so that rounding cannot overflow the type
            case INT64 -> { min = -0x1p63; max = Math.nextDown(0x1p63); }
            case UINT64 -> { min = 0; max = Math.nextDown(0x1p64); }
            default -> { return raw; }
        }
        return Math.max(min, Math.min(max, raw));
    }

    private String describe(RegisterFunction function) {
        StringBuilder sb = new StringBuilder("[");
        for (int[] span : readable.get(function)) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(span[0]).append("..").append(span[1] - 1);
        }
        return sb.append(']').toString();
    }

    private static List<int[]> merge(List<int[]> spans) {
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] s : spans) {
            if (!merged.isEmpty() && s[0] <= merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(new int[] {s[0], s[1]});
            }
        }
        return merged;
    }
}
