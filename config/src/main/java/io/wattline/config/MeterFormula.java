package io.wattline.config;

import io.wattline.core.plant.VirtualMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * The formula of a virtual meter: meter ids joined by {@code +} and {@code -}, with spaces around
 * the operators (ids may themselves contain '-', so {@code a-b} is one id). A leading {@code -}
 * negates the first meter.
 */
final class MeterFormula {

    private MeterFormula() {
    }

    /** The parsed terms, or the syntax error. */
    record Parsed(List<VirtualMeter.Term> terms, String error) {
    }

    static Parsed parse(String formula) {
        String[] tokens = formula.trim().split("\\s+");
        List<VirtualMeter.Term> terms = new ArrayList<>();
        int sign = 1;
        boolean expectMeter = true;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                return new Parsed(List.of(), "empty formula (expected meter ids joined by + and -)");
            }
            boolean operator = t.equals("+") || t.equals("-");
            if (expectMeter) {
                if (operator) {
                    if (i == 0 && t.equals("-")) {
                        sign = -1;
                        continue;
                    }
                    return new Parsed(List.of(), "expected a meter id after '" + (i == 0 ? "" : tokens[i - 1])
                            + "', got '" + t + "'");
                }
                if (!t.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                    return new Parsed(List.of(), "'" + t + "' is not a meter id (only + and - are allowed, "
                            + "with spaces around them)");
                }
                terms.add(new VirtualMeter.Term(t, sign));
                expectMeter = false;
            } else {
                if (!operator) {
                    return new Parsed(List.of(), "expected + or - between '" + tokens[i - 1] + "' and '" + t
                            + "'");
                }
                sign = t.equals("+") ? 1 : -1;
                expectMeter = true;
            }
        }
        if (expectMeter) {
            return new Parsed(List.of(), "formula ends with an operator; expected a meter id after it");
        }
        return new Parsed(terms, null);
    }
}
