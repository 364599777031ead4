package io.wattline.reports.build;

import io.wattline.analytics.demand.BlockDemand;
import io.wattline.analytics.demand.DemandCalculator;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.reports.model.ChartSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The charts reports draw, as data: band split, shares, the demand profile against its limit, the daily trend. */
final class Charts {

    private final Words words;

    Charts(Words words) {
        this.words = words;
    }

    /** Electricity per tariff band over the report's booked rows (kWh). */
    ChartSpec bands(ConsumptionReport report) {
        List<ChartSpec.Slice> bars = new ArrayList<>();
        report.totals().stream().filter(t -> t.carrier() == EnergyCarrier.ELECTRICITY)
                .forEach(t -> t.bands().forEach(b -> bars.add(new ChartSpec.Slice(words.band(b.band()), b.energyKwh()))));
        return new ChartSpec.Bars(words.get("chart.bands"), "kWh", bars);
    }

    /** Each group's share of the electricity cost (or kWh when nothing is priced). */
    ChartSpec shares(ConsumptionReport report, Predicate<String> inScope, String title) {
        Map<String, Double> byGroup = new LinkedHashMap<>();
        boolean priced = report.rows().stream().anyMatch(r -> r.carrier() == EnergyCarrier.ELECTRICITY && r.cost() != null);
        for (ConsumptionReport.Row r : report.rows()) {
            if (r.booked() && r.carrier() == EnergyCarrier.ELECTRICITY && inScope.test(r.groupId())) {
                byGroup.merge(r.groupName(), priced ? r.cost() : r.value(), Double::sum);
            }
        }
        List<ChartSpec.Slice> slices = new ArrayList<>();
        byGroup.forEach((k, v) -> slices.add(new ChartSpec.Slice(k, Math.max(0, v))));
        return new ChartSpec.Pie(title, slices);
    }

    /** The site's 15-minute demand (Σ of the root electricity meters' block demand) with the contracted limit. */
    ChartSpec demandProfile(AccountingService accounting, Instant from, Instant to,
            Double contractedKw, java.time.ZoneId zone) {
        List<String> roots = accounting.allocation().rootMeters().stream()
                .filter(m -> m.carrier() == EnergyCarrier.ELECTRICITY).map(Meter::id)
                .filter(accounting.meteredPoints()::containsKey).toList();
        var resolution = accounting.resolutionFor(new ConsumptionQuery("site", from, to, "day",
                EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, true));
        var counters = accounting.counters(roots, from, to, resolution);
        DemandCalculator calculator = new DemandCalculator(zone);
        Map<Instant, Double> sum = new LinkedHashMap<>();
        for (var c : counters.values()) {
            for (BlockDemand b : calculator.blocks(c, from, to)) {
                sum.merge(b.start(), b.kw(), Double::sum);
            }
        }
        List<ChartSpec.Point> points = new ArrayList<>();
        sum.forEach((t, kw) -> points.add(new ChartSpec.Point(words.local(t), kw)));
        return new ChartSpec.Profile(words.get("chart.demand"), "kW", points, contractedKw,
                words.get("chart.contracted"));
    }

    /** Electricity per day over the period (site), from a {@code group=site&period=day} report. */
    ChartSpec dailyTrend(ConsumptionReport daily, Instant now) {
        List<ChartSpec.Slice> bars = new ArrayList<>();
        for (ConsumptionReport.Row r : daily.rows()) {
            if (r.carrier() == EnergyCarrier.ELECTRICITY && r.booked() && r.start().isBefore(now)) {
                // the day of the month: the title says which month
                bars.add(new ChartSpec.Slice(r.periodLabel().substring(Math.max(0, r.periodLabel().length() - 2)),
                        r.value()));
            }
        }
        return new ChartSpec.Bars(words.get("chart.daily"), "kWh", bars);
    }
}
