package io.wattline.profiles;

import java.util.Locale;

/**
 * One signature register of a meter model ({@code identify:} in its profile): what the bus scan
 * reads and the values a device of this model answers there. A device passes when it answers, the
 * value is finite, within {@code min}..{@code max} when given, and equal to its unit id when
 * {@code equalsUnitId}.
 *
 * @param label    the point's name, or {@code <function> <address>} for a register without a point
 * @param register where it is and how it decodes (the point itself, or one built for the check)
 * @param source   the citation that says so
 */
public record IdentifyCheck(String label, PointDefinition register, Double min, Double max, boolean equalsUnitId,
        String source, String why) {

    /** Whether {@code value}, read from unit {@code unitId}, is what this model answers. */
    public boolean accepts(double value, int unitId) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (equalsUnitId && Math.round(value) != unitId) {
            return false;
        }
        return (min == null || value >= min) && (max == null || value <= max);
    }

    /** What is expected, for reports: {@code 45..65 Hz}, {@code = unit id}, {@code answers}. */
    public String expected() {
        String unit = register.unit() == null || register.unit().isEmpty() ? "" : " " + register.unit();
        if (equalsUnitId) {
            return "= unit id";
        }
        if (min != null && max != null) {
            return number(min) + ".." + number(max) + unit;
        }
        if (min != null) {
            return ">= " + number(min) + unit;
        }
        if (max != null) {
            return "<= " + number(max) + unit;
        }
        return "answers";
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
