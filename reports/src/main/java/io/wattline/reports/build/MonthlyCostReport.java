package io.wattline.reports.build;

import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ConsumptionReport.Row;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.report.ReportDefinition;
import io.wattline.core.tariff.TariffBand;
import io.wattline.reports.model.ChartSpec;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.Rounding;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import io.wattline.reports.period.ReportPeriod;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The monthly cost allocation: per cost centre (or line, when the scope names lines) and carrier the
 * consumption, the energy cost per tariff band, the share of the site's demand charge (by the cost
 * centre's demand in the site's peak 15 minutes), the share of the power-factor adjustment (pro rata
 * to its electricity charge) and the total; the daily trend; every billing meter's readings; the
 * main meters against their sub-meters (loss share); and the utility's bill against the meters.
 */
final class MonthlyCostReport {

    private final ReportContext ctx;
    private final ReportDefinition def;
    private final ReportPeriod period;
    private final Words words;
    private final Instant now;

    MonthlyCostReport(ReportContext ctx, ReportDefinition def, ReportPeriod period, Words words, Instant now) {
        this.ctx = ctx;
        this.def = def;
        this.period = period;
        this.words = words;
        this.now = now;
    }

    record Built(List<View> views, List<ChartSpec> charts, QualityNotes notes) {
    }

    Built build() {
        AccountingService accounting = ctx.accounting();
        Instant from = period.from();
        Instant to = period.to();
        QualityNotes notes = new QualityNotes(accounting, ctx.plant(), from, to, words);
        boolean byLine = !def.scope().lines().isEmpty();
        String group = byLine ? "line" : "costcentre";
        Predicate<String> inScope = Scopes.of(def.scope(), group);
        ConsumptionReport groups = accounting.report(new ConsumptionQuery(group, from, to, "month", null,
                ReadPath.ROLLUP, true));
        ConsumptionReport site = accounting.report(new ConsumptionQuery("site", from, to, "month",
                EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, true));
        String currency = ctx.tariff() == null ? "" : ctx.tariff().currency();
        Allocation alloc = allocate(accounting, groups, site, group);

        List<View> views = new ArrayList<>();
        views.add(costView(groups, alloc, inScope, notes, new GroupMeters(accounting.allocation()), currency,
                byLine ? words.get("col.line") : words.get("col.costCentre")));
        ConsumptionReport daily = accounting.report(new ConsumptionQuery("site", from, to, "day", null,
                ReadPath.ROLLUP, false));
        GroupMeters meters = new GroupMeters(accounting.allocation());
        views.add(new ConsumptionTables(words, notes, meters, now).view(words.get("view.daily"),
                words.get("view.daily.title"), daily, words.get("col.site"), true, id -> true, currency));
        views.add(new MeterReadings(ctx, words, notes).view(from, to, now));
        views.add(Reconciliations.view(groups, words));
        YearMonth month = YearMonth.parse(period.label());
        ctx.bills().of(month).ifPresent(bill -> views.add(BillCheck.view(bill, metered(site, alloc), def.billTolerancePercent(),
                currency, words)));

        Charts charts = new Charts(words);
        List<ChartSpec> specs = List.of(charts.bands(site),
                charts.demandProfile(accounting, from, to.isAfter(now) ? now : to, def.contractedDemandKw(),
                        ctx.plant().zone()),
                charts.shares(groups, inScope, words.get(byLine ? "chart.shareLine" : "chart.shareCostCentre")),
                charts.dailyTrend(daily, now));
        return new Built(views, specs, notes);
    }

    /** The site's demand charge and power-factor adjustment, and each group's share of them. */
    record Allocation(Double demandCharge, Double peakKw, Double pfAdjustment, Double powerFactor,
            Map<String, Double> demandShare, Map<String, Double> pfShare) {
    }

    private Allocation allocate(AccountingService accounting, ConsumptionReport groups, ConsumptionReport site,
            String group) {
        Map<String, Double> demandShare = new LinkedHashMap<>();
        Map<String, Double> pfShare = new LinkedHashMap<>();
        List<Row> electric = groups.rows().stream()
                .filter(r -> r.booked() && r.carrier() == EnergyCarrier.ELECTRICITY).toList();
        ConsumptionReport.Demand peak = site.demand().isEmpty() ? null : site.demand().get(0);
        Double demandCharge = peak == null ? null : peak.demandCharge();
        if (demandCharge != null) {
            // each group's demand in the site's peak block: its energy in that block × 4
            ConsumptionReport block = accounting.report(new ConsumptionQuery(group, peak.blockStart(), peak.blockEnd(),
                    "day", EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, false));
            Map<String, Double> kw = new LinkedHashMap<>();
            block.rows().stream().filter(Row::booked).forEach(r -> kw.merge(r.groupId(), r.value(), Double::sum));
            List<Double> weights = electric.stream().map(r -> kw.getOrDefault(r.groupId(), 0.0)).toList();
            List<Double> shares = FenSplit.split(demandCharge, weights);
            for (int i = 0; i < electric.size(); i++) {
                demandShare.put(electric.get(i).groupId(), shares.get(i));
            }
        }
        List<ConsumptionReport.PowerFactor> computed = site.powerFactor().stream()
                .filter(p -> "computed".equals(p.status())).toList();
        Double pf = computed.isEmpty() ? null : computed.get(0).powerFactor();
        Double adjustment = computed.isEmpty() ? null
                : computed.stream().mapToDouble(ConsumptionReport.PowerFactor::adjustment).sum();
        if (adjustment != null) {
            List<Double> weights = electric.stream().map(r -> Objects.requireNonNullElse(r.cost(), 0.0)
                    + demandShare.getOrDefault(r.groupId(), 0.0)).toList();
            List<Double> shares = FenSplit.split(adjustment, weights);
            for (int i = 0; i < electric.size(); i++) {
                pfShare.put(electric.get(i).groupId(), shares.get(i));
            }
        }
        return new Allocation(demandCharge, peak == null ? null : peak.maxKw(), adjustment, pf, demandShare, pfShare);
    }

    private View costView(ConsumptionReport report, Allocation alloc, Predicate<String> inScope, QualityNotes notes,
            GroupMeters meters, String currency, String groupHeader) {
        Set<TariffBand> bands = EnumSet.noneOf(TariffBand.class);
        report.rows().forEach(r -> r.bands().forEach(b -> bands.add(b.band())));
        List<Column> columns = new ArrayList<>(List.of(Column.text(groupHeader), Column.text(words.get("col.carrier")),
                Column.text(words.get("col.unit")), Column.summed(words.get("col.consumption"), ColumnKind.ENERGY)));
        for (TariffBand b : bands) {
            columns.add(Column.summed(words.format("col.bandCost", words.band(b), currency), ColumnKind.MONEY));
        }
        columns.add(Column.summed(words.format("col.energyCost", currency), ColumnKind.MONEY));
        columns.add(Column.summed(words.format("col.demandCharge", currency), ColumnKind.MONEY));
        columns.add(Column.summed(words.format("col.pfAdjustment", currency), ColumnKind.MONEY));
        columns.add(Column.summed(words.format("col.total", currency), ColumnKind.MONEY));
        List<TableRow> rows = new ArrayList<>();
        for (Row r : report.rows()) {
            if (!r.booked() || !inScope.test(r.groupId())) {
                continue;
            }
            List<Object> cells = new ArrayList<>(List.of(r.groupName(), words.carrier(r.carrier()), Words.unit(r.unit())));
            cells.add(r.value());
            Map<TariffBand, Double> byBand = new EnumMap<>(TariffBand.class);
            r.bands().forEach(b -> byBand.put(b.band(), b.cost()));
            boolean electric = r.carrier() == EnergyCarrier.ELECTRICITY;
            double total = 0;
            for (TariffBand b : bands) {
                Double c = byBand.get(b);
                cells.add(electric ? c : null);
            }
            Double energy = r.cost();
            // the total is the sum of the parts as shown (each rounded to the fen)
            if (energy != null) {
                if (electric && !r.bands().isEmpty()) {
                    for (TariffBand b : bands) {
                        total += byBand.containsKey(b) ? Rounding.round(byBand.get(b), 2) : 0;
                    }
                    energy = total;
                } else {
                    total = Rounding.round(energy, 2);
                }
            }
            cells.add(energy);
            Double demand = electric ? alloc.demandShare().get(r.groupId()) : null;
            Double pf = electric ? alloc.pfShare().get(r.groupId()) : null;
            cells.add(demand);
            cells.add(pf);
            boolean anyMoney = energy != null || demand != null || pf != null;
            cells.add(anyMoney ? Rounding.round(total + (demand == null ? 0 : demand) + (pf == null ? 0 : pf), 2) : null);
            rows.add(new TableRow(cells, notes.idsFor(meters.of(report.group(), r.groupId(), r.carrier()), r.start(),
                    r.end()), !r.start().isBefore(now), false));
        }
        String title = words.format("view.cost.title", alloc.peakKw() == null ? "-" : String.format("%.1f", alloc.peakKw()),
                alloc.powerFactor() == null ? "-" : String.format("%.2f", alloc.powerFactor()));
        return new View(words.get("view.cost"), title, columns, rows, words.get("total"), 1);
    }

    /** The site's electricity as the bill states it: kWh per band, peak demand, power factor, total charge. */
    private static BillCheck.Metered metered(ConsumptionReport site, Allocation alloc) {
        Map<TariffBand, Double> bands = new EnumMap<>(TariffBand.class);
        double energyCost = 0;
        for (ConsumptionReport.Total t : site.totals()) {
            if (t.carrier() == EnergyCarrier.ELECTRICITY) {
                t.bands().forEach(b -> bands.merge(b.band(), b.energyKwh(), Double::sum));
                energyCost += t.cost() == null ? 0 : t.cost();
            }
        }
        double amount = energyCost + (alloc.demandCharge() == null ? 0 : alloc.demandCharge())
                + (alloc.pfAdjustment() == null ? 0 : alloc.pfAdjustment());
        return new BillCheck.Metered(bands, alloc.peakKw(), alloc.powerFactor(), amount);
    }
}
