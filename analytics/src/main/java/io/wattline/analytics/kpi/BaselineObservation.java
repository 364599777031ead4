package io.wattline.analytics.kpi;

/** One period of a baseline: its consumption and the relevant variables (production, degree-days) in model order. */
public record BaselineObservation(String label, double consumption, double[] variables) {
    public BaselineObservation {
        variables = variables.clone();
    }

    @Override
    public double[] variables() {
        return variables.clone();
    }
}
