package io.wattline.analytics.kpi;

import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The energy baseline of a line ({@code GET /api/kpi/baseline}): the model fitted on the periods of
 * [baselineFrom, baselineTo) (intercept, a coefficient per variable, R²) and the periods of
 * [from, to) compared with it, one by one and in total.
 */
public record BaselineReport(String line, EnergyCarrier carrier, String energyUnit, ProductionSource productionSource,
        String period, Instant baselineFrom, Instant baselineTo, Instant from, Instant to, List<String> variables,
        double intercept, Map<String, Double> coefficients, double rSquared, int observations,
        List<KpiPeriod> baselinePeriods, List<BaselinePeriod> periods, double actual, double expected,
        double difference, Double percent) {

    public BaselineReport {
        variables = List.copyOf(variables);
        baselinePeriods = List.copyOf(baselinePeriods);
        periods = List.copyOf(periods);
    }
}
