package io.wattline.profiles;

import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a mapped profile for what the JSON schema cannot express: units against quantities,
 * counters without a maximum, points outside readable ranges or overlapping, quirk limits, word
 * orders that mean nothing for the type, undeclared poll groups and citations.
 */
public final class ProfileLinter {

    private ProfileLinter() {
    }

    /** Problems of a profile built in code; located by profile id and field, lines unknown (0). */
    public static List<ValidationError> lint(DeviceProfile profile) {
        return lint(profile, (pointer, message) -> new ValidationError(profile.id(), 0, 0,
                pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.'), message));
    }

    /** Problems of a profile loaded from {@code document}; point {@code i} is {@code /points/i} there. */
    public static List<ValidationError> lint(DeviceProfile profile, YamlDocument document) {
        return lint(profile, document::error);
    }

    /** Problems located by {@code errorAt(pointer, message)}; a null it returns drops that problem. */
    static List<ValidationError> lint(DeviceProfile profile,
            java.util.function.BiFunction<String, String, ValidationError> errorAt) {
        List<ValidationError> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> sourceIds = new HashSet<>();
        for (String s : profile.sources()) {
            sourceIds.add(s.substring(0, Math.max(0, s.indexOf(':'))));
        }
        List<PointDefinition> points = profile.points();
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            String at = "/points/" + i;
            Problems problems = (field, message) ->
                    out.add(errorAt.apply(at + "/" + field, "point '" + p.name() + "': " + message));
            if (!names.add(p.name())) {
                problems.add("name", "expected a unique name; '" + p.name() + "' is used twice");
            }
            checkUnitAndCounter(p, problems);
            checkEncoding(p, problems);
            if (p.address() < 0 || p.end() > 0x10000) {
                problems.add("address", "expected a PDU address 0..65535 after applying addressBase "
                        + profile.addressBase() + ", got " + p.address());
            } else if (profile.readable().stream().noneMatch(r -> r.contains(p.function(), p.address(), p.end()))) {
                problems.add("address", "expected inside a readable range of " + p.function().name().toLowerCase(java.util.Locale.ROOT)
                        + " registers; [" + p.address() + ", " + p.end() + ") is not");
            }
            if (p.length() > profile.quirks().maxRegistersPerRequest()) {
                problems.add("type", p.type() + " needs " + p.length() + " registers but the device reads at most "
                        + profile.quirks().maxRegistersPerRequest() + " per request");
            }
            if (!profile.pollGroups().containsKey(p.pollGroup())) {
                problems.add("pollGroup", "expected one of the declared poll groups " + profile.pollGroups().keySet()
                        + ", got '" + p.pollGroup() + "'");
            }
            String citedId = p.source().contains(",") ? p.source().substring(0, p.source().indexOf(',')) : p.source();
            if (!sourceIds.contains(citedId)) {
                problems.add("source", "expected '<source id>, <page or section>' with a source id declared under"
                        + " sources " + sourceIds + ", got '" + p.source() + "'");
            }
            for (int j = 0; j < i; j++) {
                PointDefinition q = points.get(j);
                if (overlaps(p, q)) {
                    problems.add("address", "overlaps point '" + q.name() + "' ([" + q.address() + ", " + q.end()
                            + ") " + q.type() + (q.type() == DataType.BIT ? " bit " + q.bit() : "") + ")");
                }
            }
        }
        int max = profile.quirks().maxRegistersPerRequest();
        if (max < 1 || max > Quirks.MODBUS_MAX_REGISTERS) {
            out.add(errorAt.apply("/quirks/maxRegistersPerRequest/value",
                    "expected 1.." + Quirks.MODBUS_MAX_REGISTERS + ", got " + max));
        }
        if (profile.quirks().evenRegisterCount() && max % 2 != 0) {
            out.add(errorAt.apply("/quirks/maxRegistersPerRequest/value",
                    "expected an even maximum because evenRegisterCount is set, got " + max));
        }
        return out;
    }

    private static void checkUnitAndCounter(PointDefinition p, Problems problems) {
        if (!p.unit().equals(p.quantity().unit())) {
            problems.add("unit", "expected '" + p.quantity().unit() + "', the canonical unit of " + p.quantity()
                    + " (adjust scale to convert), got '" + p.unit() + "'");
        }
        if (p.quantity().isCounter() && p.counterMax() == null) {
            problems.add("counterMax", p.quantity() + " is a counter: expected counterMax, the largest raw value"
                    + " before the register wraps to 0");
        }
        if (!p.quantity().isCounter() && p.counterMax() != null) {
            problems.add("counterMax", "only counter quantities have a counterMax; " + p.quantity() + " is "
                    + p.quantity().kind());
        }
        if (p.counterMax() != null) {
            double limit = rawMaximum(p.type());
            if (p.counterMax() > limit) {
                problems.add("counterMax", "expected at most " + (long) limit + " (the largest " + p.type()
                        + "), got " + p.counterMax());
            }
        }
        if (!Double.isFinite(p.scale()) || p.scale() == 0) {
            problems.add("scale", "expected a finite, non-zero number, got " + p.scale());
        }
    }

    private static void checkEncoding(PointDefinition p, Problems problems) {
        if (p.function().isBit() && p.type() != DataType.BIT) {
            problems.add("type", p.function().name().toLowerCase(java.util.Locale.ROOT) + " points are single bits: expected BIT, got " + p.type());
        }
        if (p.type() == DataType.BIT) {
            if (p.bit() < 0 || p.bit() > 15) {
                problems.add("bit", "expected the bit index 0..15 for a BIT point");
            }
            if (p.function().isBit() && p.bit() != 0) {
                problems.add("bit", "a coil or discrete input is one bit: expected bit 0, got " + p.bit());
            }
        } else if (p.bit() >= 0) {
            problems.add("bit", "only BIT points have a bit index; this is " + p.type());
        }
        if (p.type().registerCount() == 1 && p.wordOrder().swapsWords()) {
            // A swap of words in a one-register value does nothing, so writing it is a sign of a
            // copy-paste error (the loader already drops the swap from a profile-wide default).
            problems.add("wordOrder", p.wordOrder() + " swaps words, which means nothing for the one-register type "
                    + p.type() + ": expected ABCD or BADC");
        }
    }

    private static boolean overlaps(PointDefinition a, PointDefinition b) {
        if (a.function() != b.function() || a.address() >= b.end() || b.address() >= a.end()) {
            return false;
        }
        // Bits of a status word may sit on the same register, with each other and with the word itself.
        boolean aBit = a.type() == DataType.BIT;
        boolean bBit = b.type() == DataType.BIT;
        if (aBit && bBit) {
            return a.bit() == b.bit();
        }
        return !(aBit && b.length() == 1 || bBit && a.length() == 1);
    }

    private static double rawMaximum(DataType type) {
        return switch (type) {
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 0x1p64;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
            case BIT -> 1;
        };
    }

    @FunctionalInterface
    private interface Problems {
        void add(String field, String message);
    }
}
