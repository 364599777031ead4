package io.wattline.analytics.allocation;

/** One meter in a virtual meter's formula, added ({@code sign} +1) or subtracted (−1). */
public record MeterTerm(String meterId, int sign) {
    public MeterTerm {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign of " + meterId + " must be +1 or -1, was " + sign);
        }
    }

    public static MeterTerm plus(String meterId) {
        return new MeterTerm(meterId, 1);
    }

    public static MeterTerm minus(String meterId) {
        return new MeterTerm(meterId, -1);
    }
}
