package io.wattline.analytics.service;

import io.wattline.analytics.allocation.AccountingNode;
import io.wattline.analytics.allocation.MeterTerm;
import io.wattline.analytics.consumption.Consumption;
import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.service.ConsumptionReport.Band;
import io.wattline.core.tariff.BandInterval;
import io.wattline.core.tariff.TouTariff;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.tariff.TariffBand;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of accounting nodes over intervals: the signed sum of their meters' C(end) − C(start),
 * and for electricity the band split priced by the tariff. Band intervals are computed once per
 * interval and shared by every meter, which keeps a month of shifts for a thousand meters cheap.
 */
final class Figures {

    /** Value, flags and (electricity) band energies and costs; bands in band order. */
    record Figure(double value, ConsumptionFlags flags, List<Band> bands, double cost) {
        static final Figure ZERO = new Figure(0, ConsumptionFlags.CLEAN, List.of(), 0);

        Figure plus(Figure o) {
            Map<TariffBand, double[]> m = new EnumMap<>(TariffBand.class);
            for (List<Band> list : List.of(bands, o.bands)) {
                for (Band b : list) {
                    double[] acc = m.computeIfAbsent(b.band(), k -> new double[] {0, b.pricePerKwh(), 0});
                    acc[0] += b.energyKwh();
                    acc[2] += b.cost();
                }
            }
            List<Band> merged = new ArrayList<>();
            m.forEach((band, acc) -> merged.add(new Band(band, acc[0], acc[1], acc[2])));
            return new Figure(value + o.value, flags.plus(o.flags), merged, cost + o.cost);
        }
    }

    private final Map<String, UnwrappedCounter> counters;
    private final Map<String, MeteredPoint> points;
    private final TouTariff tariff;
    private final ZoneId zone;
    // keyed by [from, to]: formatting the instants into a text key was a tenth of a month report's time
    private final Map<List<Instant>, List<BandInterval>> bandCache = new HashMap<>();

    Figures(Map<String, UnwrappedCounter> counters, Map<String, MeteredPoint> points, TouTariff tariff, ZoneId zone) {
        this.counters = counters;
        this.points = points;
        this.tariff = tariff;
        this.zone = zone;
    }

    Figure of(AccountingNode node, Instant from, Instant to) {
        boolean priced = tariff != null && node.carrier() == EnergyCarrier.ELECTRICITY;
        List<BandInterval> intervals = priced
                ? bandCache.computeIfAbsent(List.of(from, to), k -> tariff.bandIntervals(from, to, zone)) : List.of();
        double value = 0;
        ConsumptionFlags flags = ConsumptionFlags.CLEAN;
        double[] bandKwh = new double[TariffBand.values().length];
        boolean[] present = new boolean[bandKwh.length];
        for (MeterTerm t : node.terms()) {
            UnwrappedCounter c = counters.get(t.meterId());
            Consumption consumption = c.consumption(from, to);
            value += t.sign() * consumption.value();
            flags = flags.plus(consumption.flags());
            if (priced && points.get(t.meterId()).unit().equals("kWh")) {
                for (BandInterval bi : intervals) {
                    bandKwh[bi.band().ordinal()] += t.sign() * (c.valueAt(bi.end()) - c.valueAt(bi.start()));
                    present[bi.band().ordinal()] = true;
                }
            }
        }
        List<Band> bands = new ArrayList<>();
        double cost = 0;
        for (TariffBand band : TariffBand.values()) {
            if (present[band.ordinal()]) {
                double price = tariff.price(band);
                bands.add(new Band(band, bandKwh[band.ordinal()], price, bandKwh[band.ordinal()] * price));
                cost += bandKwh[band.ordinal()] * price;
            }
        }
        return new Figure(value, flags, bands, cost);
    }
}
