package io.wattline.web.api;

import io.wattline.core.plausible.PlausibleTime;
import java.time.Instant;

/**
 * The bounds every request parameter is checked against before a query is built, so that no value
 * a client can type reaches a computation that would overflow or run for hours: times inside
 * {@link PlausibleTime}'s window, numbers finite and inside a declared range. Each violation is a
 * 400 naming the parameter and the allowed range.
 */
public final class RequestBounds {

    private RequestBounds() {
    }

    /** {@code t} when it lies in the plausible window, else a 400 naming {@code name}. */
    public static Instant plausible(String name, Instant t, String text) {
        if (!PlausibleTime.contains(t)) {
            throw new InvalidParameterException(name, PlausibleTime.describe(), text);
        }
        return t;
    }

    /**
     * A decimal number in [min, max]: plain digits with an optional sign, one point and an exponent
     * ({@code 18}, {@code -2.5}, {@code 1e3}); no NaN, no infinity, no hex or type suffixes.
     */
    public static double decimal(String name, String text, double min, double max, String what) {
        String expected = what + " from " + plain(min) + " to " + plain(max);
        String s = text.strip();
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
            throw new InvalidParameterException(name, expected, text);
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new InvalidParameterException(name, expected, text);
        }
        return v;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
