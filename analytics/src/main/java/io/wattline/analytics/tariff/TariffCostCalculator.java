package io.wattline.analytics.tariff;

import io.wattline.analytics.consumption.Consumption;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.tariff.BandInterval;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prices an energy counter (kWh) under a time-of-use tariff: each band interval gets
 * C(interval end) − C(interval start), so a band boundary between two readings is interpolated.
 */
public final class TariffCostCalculator {

    private final TouTariff tariff;
    private final ZoneId zone;

    public TariffCostCalculator(TouTariff tariff, ZoneId zone) {
        this.tariff = tariff;
        this.zone = zone;
    }

    /** The cost of the counter's consumption over [from, to), split by band (in band order). */
    public CostBreakdown cost(UnwrappedCounter counterKwh, Instant from, Instant to) {
        Map<TariffBand, Double> energy = new EnumMap<>(TariffBand.class);
        for (BandInterval interval : tariff.bandIntervals(from, to, zone)) {
            double kwh = counterKwh.valueAt(interval.end()) - counterKwh.valueAt(interval.start());
            energy.merge(interval.band(), kwh, Double::sum);
        }
        List<BandCost> bands = new ArrayList<>();
        double cost = 0;
        for (Map.Entry<TariffBand, Double> e : energy.entrySet()) {
            double price = tariff.price(e.getKey());
            double bandCost = e.getValue() * price;
            bands.add(new BandCost(e.getKey(), e.getValue(), price, bandCost));
            cost += bandCost;
        }
        Consumption total = counterKwh.consumption(from, to);
        return new CostBreakdown(from, to, tariff.currency(), bands, total.value(), cost, total.flags());
    }
}
