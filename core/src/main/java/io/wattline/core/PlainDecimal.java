package io.wattline.core;

/**
 * The one number grammar for values people type or import (readings, production counts): an
 * optional sign, decimal digits with at most one point, an optional exponent, and a finite result.
 * Locale-independent (the point is always {@code .}, no grouping); no hexadecimal ({@code 0x1p3}),
 * no Java type suffixes ({@code 1d}, {@code 2f}), no {@code NaN} or {@code Infinity}, no spaces.
 * {@link Double#parseDouble} accepts all of those, so it is called only after this check.
 */
public final class PlainDecimal {

    /** Longest text accepted: far more digits than a double holds, short enough to bound the work. */
    public static final int MAX_LENGTH = 64;

    private PlainDecimal() {
    }

    /** A text that is not a plain decimal; the message says what and why. */
    public static final class InvalidDecimalException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidDecimalException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code text} (already trimmed by the caller) or throws {@link InvalidDecimalException}
     * whose message quotes the text and names the rule it breaks.
     */
    public static double parse(CharSequence text) {
        String reason = problem(text);
        if (reason != null) {
            throw new InvalidDecimalException(reason);
        }
        double value = Double.parseDouble(text.toString());
        if (!Double.isFinite(value)) {
            throw new InvalidDecimalException("'" + text + "' is too large: beyond ±1.8e308 (not finite)");
        }
        return value;
    }

    /** Whether {@code text} is a plain decimal whose value is finite. */
    public static boolean isValid(CharSequence text) {
        return problem(text) == null && Double.isFinite(Double.parseDouble(text.toString()));
    }

    /** Null when the grammar holds, else the reason (the range is checked by {@link #parse}). */
    private static String problem(CharSequence text) {
        if (text == null || text.length() == 0) {
            return "empty value: expected a decimal number such as 1234.5";
        }
        int n = text.length();
        if (n > MAX_LENGTH) {
            return "value of " + n + " characters is too long (at most " + MAX_LENGTH + ")";
        }
        int i = 0;
        char c = text.charAt(0);
        if (c == '+' || c == '-') {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                if (point) {
                    return quoted(text) + " has more than one decimal point";
                }
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return quoted(text) + " is not a decimal number: expected digits with an optional point and "
                    + "exponent, e.g. 1234.5 or 1.2e3";
        }
        if (i == n) {
            return null;
        }
        c = text.charAt(i);
        if (c != 'e' && c != 'E') {
            return quoted(text) + " has '" + c + "' at position " + (i + 1) + ": only digits, one '.' and an "
                    + "exponent (e.g. 1.2e3) are allowed (no hexadecimal, type suffix, thousands separator or "
                    + "decimal comma)";
        }
        i++;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int exponentDigits = 0;
        for (; i < n; i++) {
            c = text.charAt(i);
            if (c < '0' || c > '9') {
                return quoted(text) + " has '" + c + "' in its exponent at position " + (i + 1)
                        + ": the exponent is digits only";
            }
            exponentDigits++;
        }
        if (exponentDigits == 0) {
            return quoted(text) + " ends its exponent without digits";
        }
        return null;
    }

    private static String quoted(CharSequence text) {
        return "'" + text + "'";
    }
}
