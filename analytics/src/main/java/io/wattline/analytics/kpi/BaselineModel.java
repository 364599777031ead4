package io.wattline.analytics.kpi;

import java.util.List;

/**
 * A fitted energy baseline (ISO 50006 / GB/T 23331 energy baseline): consumption ≈ intercept +
 * Σ coefficient × variable, with the fit's R² and the number of baseline periods.
 */
public record BaselineModel(List<String> variables, double intercept, double[] coefficients, double rSquared,
        int observations) {

    public BaselineModel {
        variables = List.copyOf(variables);
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Expected consumption for one period's variables. */
    public double expected(double[] x) {
        if (x.length != coefficients.length) {
            throw new IllegalArgumentException("expected " + coefficients.length + " variables " + variables
                    + ", got " + x.length);
        }
        double y = intercept;
        for (int i = 0; i < x.length; i++) {
            y += coefficients[i] * x[i];
        }
        return y;
    }

    /** Actual vs expected over a reporting period made of {@code periods} (sums over them). */
    public BaselineDeviation deviation(List<BaselineObservation> periods) {
        double actual = 0;
        double expected = 0;
        for (BaselineObservation o : periods) {
            actual += o.consumption();
            expected += expected(o.variables());
        }
        double diff = actual - expected;
        return new BaselineDeviation(actual, expected, diff, expected == 0 ? Double.NaN : 100.0 * diff / expected);
    }
}
