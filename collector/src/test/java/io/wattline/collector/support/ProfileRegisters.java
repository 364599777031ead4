package io.wattline.collector.support;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import io.wattline.profiles.codec.RegisterCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The register spec of a pymodbus device that serves a profile's points with given values: every
 * register of the profile's readable ranges (0 where no point lies), except the PDU ranges the
 * device is to refuse, which it then answers with exception 02 as a real meter without them does.
 */
public final class ProfileRegisters {

    private ProfileRegisters() {
    }

    /**
     * @param values  engineering value per point name (points left out read 0)
     * @param refused PDU ranges [start, end) the device does not have
     * @return the tables of one unit for {@code pymodbus_server.py}, e.g. {@code {"hr": [[8192, [..]]]}}
     */
    public static String unit(DeviceProfile profile, Map<String, Double> values, Collection<RegisterRange> refused) {
        return unit(profile, values, refused, Map.of());
    }

    /** The same with holding registers the profile has no point for (a device address, a version). */
    public static String unit(DeviceProfile profile, Map<String, Double> values, Collection<RegisterRange> refused,
            Map<Integer, Integer> extraHolding) {
        Map<RegisterFunction, TreeMap<Integer, Integer>> tables = new TreeMap<>();
        extraHolding.forEach((address, word) -> tables.computeIfAbsent(RegisterFunction.HOLDING, f -> new TreeMap<>())
                .put(address, word));
        for (RegisterRange r : profile.readable()) {
            for (int a = r.start(); a < r.end(); a++) {
                int address = a;
                if (refused.stream().noneMatch(x -> x.function() == r.function() && address >= x.start() && address < x.end())) {
                    tables.computeIfAbsent(r.function(), f -> new TreeMap<>()).put(a, 0);
                }
            }
        }
        for (PointDefinition p : profile.points()) {
            Double value = values.get(p.name());
            TreeMap<Integer, Integer> table = tables.get(p.function());
            if (value == null || table == null) {
                continue;
            }
            int[] words = RegisterCodec.encode(p, value);
            for (int i = 0; i < words.length; i++) {
                if (table.containsKey(p.address() + i)) {
                    table.put(p.address() + i, words[i]);
                }
            }
        }
        StringJoiner json = new StringJoiner(", ", "{", "}");
        tables.forEach((function, table) -> json.add("\"" + key(function) + "\": " + blocks(table)));
        return json.toString();
    }

    /** The same tables answered {@code seconds} late (a slow meter behind a busy gateway). */
    public static String late(String tables, double seconds) {
        return tables.substring(0, tables.length() - 1) + ", \"delay\": " + seconds + "}";
    }

    /** A spec of several units: unit id → the tables {@link #unit} gives. */
    public static String spec(Map<Integer, String> units) {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        units.forEach((unit, tables) -> json.add("\"" + unit + "\": " + tables));
        return json.toString();
    }

    /** Consecutive addresses as [start, [words...]] blocks. */
    private static String blocks(TreeMap<Integer, Integer> table) {
        List<String> blocks = new ArrayList<>();
        int start = -1;
        int previous = -2;
        StringJoiner words = null;
        for (Map.Entry<Integer, Integer> e : table.entrySet()) {
            if (e.getKey() != previous + 1) {
                if (words != null) {
                    blocks.add("[" + start + ", [" + words + "]]");
                }
                start = e.getKey();
                words = new StringJoiner(", ");
            }
            words.add(Integer.toString(e.getValue()));
            previous = e.getKey();
        }
        if (words != null) {
            blocks.add("[" + start + ", [" + words + "]]");
        }
        return "[" + String.join(", ", blocks) + "]";
    }

    private static String key(RegisterFunction function) {
        return switch (function) {
            case HOLDING -> "hr";
            case INPUT -> "ir";
            case COIL -> "co";
            case DISCRETE -> "di";
        };
    }
}
