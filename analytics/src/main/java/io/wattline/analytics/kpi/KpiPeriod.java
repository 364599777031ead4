package io.wattline.analytics.kpi;

import java.time.Instant;

/**
 * One period of a line's KPIs: energy, production, energy per unit (null when nothing was produced),
 * heating degree-days when a temperature point was given, and whether the production source covers
 * the whole period.
 */
public record KpiPeriod(String label, Instant start, Instant end, double energy, double production, Double specific,
        Double degreeDays, boolean productionComplete) {
}
