package io.wattline.core.plant;

import java.util.List;
import java.util.Objects;

/**
 * A meter computed from others by a formula of sums and differences, as configured
 * ({@code main-incomer - line1-power - line2-power}); {@code terms} is the parsed formula.
 */
public record VirtualMeter(String id, String name, EnergyCarrier carrier, String formula, List<Term> terms) {

    /** One meter of the formula, added ({@code sign} +1) or subtracted (−1). */
    public record Term(String meterId, int sign) {
        public Term {
            Objects.requireNonNull(meterId, "meterId");
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("sign of " + meterId + " must be +1 or -1, was " + sign);
            }
        }
    }

    public VirtualMeter {
        Objects.requireNonNull(id, "id");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("virtual meter " + id + " has no meters in its formula");
        }
    }
}
