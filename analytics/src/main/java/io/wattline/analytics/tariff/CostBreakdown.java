package io.wattline.analytics.tariff;

import io.wattline.analytics.consumption.ConsumptionFlags;
import java.time.Instant;
import java.util.List;

/**
 * Energy cost over [start, end) split by band. {@code energyKwh} is C(end) − C(start) of the
 * counter; the bands' energies add up to it and their costs to {@code cost}.
 */
public record CostBreakdown(Instant start, Instant end, String currency, List<BandCost> bands,
        double energyKwh, double cost, ConsumptionFlags flags) {

    public CostBreakdown {
        bands = List.copyOf(bands);
    }
}
