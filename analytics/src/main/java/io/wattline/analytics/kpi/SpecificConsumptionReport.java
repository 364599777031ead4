package io.wattline.analytics.kpi;

import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.List;

/**
 * Energy per unit of product of a line over [from, to), per period and in total
 * ({@code GET /api/kpi/specific-consumption}). {@code productionPoint} is the counter read when the
 * source is {@link ProductionSource#POINT}, else null; {@code specific} is null when nothing was produced.
 */
public record SpecificConsumptionReport(String line, String lineName, EnergyCarrier carrier, String energyUnit,
        String productionUnit, ProductionSource productionSource, String productionPoint, String period, Instant from,
        Instant to, List<KpiPeriod> periods, double energy, double production, Double specific) {

    public SpecificConsumptionReport {
        periods = List.copyOf(periods);
    }
}
