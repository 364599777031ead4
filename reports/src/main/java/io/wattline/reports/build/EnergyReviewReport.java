package io.wattline.reports.build;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.kpi.BaselinePeriod;
import io.wattline.analytics.kpi.BaselineQuery;
import io.wattline.analytics.kpi.BaselineReport;
import io.wattline.analytics.kpi.KpiQuery;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.report.ReportDefinition;
import io.wattline.reports.model.ChartSpec;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import io.wattline.reports.period.ReportPeriod;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The monthly energy review in the form GB/T 23331 / ISO 50001 reviews use: consumption by carrier in
 * its unit, in kWh equivalent and in tce with each carrier's share; specific consumption of each line
 * against its baseline (energy against production, fitted by least squares on the days of the
 * {@code baselineMonths} before); and the days that deviate most from the baseline.
 */
final class EnergyReviewReport {

    private static final int TOP_DEVIATIONS = 10;

    private final ReportContext ctx;
    private final ReportDefinition def;
    private final ReportPeriod period;
    private final Words words;
    private final Instant now;

    EnergyReviewReport(ReportContext ctx, ReportDefinition def, ReportPeriod period, Words words, Instant now) {
        this.ctx = ctx;
        this.def = def;
        this.period = period;
        this.words = words;
        this.now = now;
    }

    MonthlyCostReport.Built build() {
        AccountingService accounting = ctx.accounting();
        QualityNotes notes = new QualityNotes(accounting, ctx.plant(), period.from(), period.to(), words);
        ConsumptionReport site = accounting.report(new ConsumptionQuery("site", period.from(), period.to(), "month",
                null, ReadPath.ROLLUP, false));
        List<View> views = new ArrayList<>();
        views.add(carriers(site, notes));
        List<BaselinePeriod> deviations = new ArrayList<>();
        views.add(lines(deviations));
        deviations.sort(Comparator.comparingDouble((BaselinePeriod p) -> -Math.abs(p.difference())));
        views.add(top(deviations.subList(0, Math.min(TOP_DEVIATIONS, deviations.size()))));
        List<ChartSpec.Slice> tce = new ArrayList<>();
        site.totals().stream().filter(t -> t.kgce() != null)
                .forEach(t -> tce.add(new ChartSpec.Slice(words.carrier(t.carrier()), t.kgce() / 1000.0)));
        ConsumptionReport daily = accounting.report(new ConsumptionQuery("site", period.from(), period.to(), "day",
                EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, false));
        Charts charts = new Charts(words);
        return new MonthlyCostReport.Built(views, List.of(new ChartSpec.Pie(words.get("chart.shareCarrier"), tce),
                charts.dailyTrend(daily, now)), notes);
    }

    private View carriers(ConsumptionReport site, QualityNotes notes) {
        List<Column> columns = List.of(Column.text(words.get("col.carrier")), Column.text(words.get("col.unit")),
                Column.of(words.get("col.consumption"), ColumnKind.ENERGY),
                Column.summed(words.get("col.kwhEquivalent"), ColumnKind.ENERGY),
                Column.summed(words.get("col.tce"), ColumnKind.TCE), Column.of(words.get("col.tceShare"), ColumnKind.PERCENT));
        double totalTce = site.totalTce();
        GroupMeters meters = new GroupMeters(ctx.accounting().allocation());
        List<TableRow> rows = new ArrayList<>();
        for (ConsumptionReport.Total t : site.totals()) {
            Double tce = t.kgce() == null ? null : t.kgce() / 1000.0;
            rows.add(TableRow.of(words.carrier(t.carrier()), Words.unit(t.unit()), t.value(), t.kwhEquivalent(), tce,
                    tce == null || totalTce == 0 ? null : 100.0 * tce / totalTce)
                    .withNotes(notes.idsFor(meters.of(null, null, t.carrier()), period.from(), period.to())));
        }
        return new View(words.get("view.carriers"), words.get("view.carriers.title"), columns, rows, words.get("total"));
    }

    private View lines(List<BaselinePeriod> deviations) {
        List<Column> columns = List.of(Column.text(words.get("col.line")), Column.of(words.get("col.energyKwh"), ColumnKind.ENERGY),
                Column.of(words.get("col.production"), ColumnKind.ENERGY),
                Column.of(words.get("col.specific"), ColumnKind.READING),
                Column.of(words.get("col.expected"), ColumnKind.ENERGY), Column.of(words.get("col.difference"), ColumnKind.ENERGY),
                Column.of(words.get("col.differencePercent"), ColumnKind.PERCENT), Column.text(words.get("col.baseline")));
        List<TableRow> rows = new ArrayList<>();
        YearMonth month = YearMonth.parse(period.label());
        Instant baselineFrom = month.minusMonths(def.baselineMonths()).atDay(1).atStartOfDay(ctx.plant().zone()).toInstant();
        Instant end = period.to().isAfter(now) ? java.time.LocalDate.ofInstant(now, ctx.plant().zone())
                .atStartOfDay(ctx.plant().zone()).toInstant() : period.to();
        for (ProductionLine line : ctx.plant().lines()) {
            if (!Scopes.of(def.scope(), "line").test(line.id()) || ctx.kpis() == null || !end.isAfter(period.from())) {
                continue;
            }
            KpiQuery reporting = new KpiQuery(line.id(), period.from(), end, "day", EnergyCarrier.ELECTRICITY, "auto",
                    null, KpiQuery.DEFAULT_BASE_TEMPERATURE);
            try {
                BaselineReport b = ctx.kpis().baseline(new BaselineQuery(reporting, baselineFrom, period.from()));
                double production = b.periods().stream().mapToDouble(BaselinePeriod::production).sum();
                rows.add(TableRow.of(line.name(), b.actual(), production, production == 0 ? null : b.actual() / production,
                        b.expected(), b.difference(), b.percent(), words.format("review.model", String.format(java.util.Locale.ROOT, "%.2f", b.intercept()),
                                String.format(java.util.Locale.ROOT, "%.4f", b.coefficients().getOrDefault("production", 0.0)),
                                String.format(java.util.Locale.ROOT, "%.3f", b.rSquared()), b.observations())));
                b.periods().forEach(p -> deviations.add(new BaselinePeriod(line.name() + " " + p.label(), p.start(),
                        p.end(), p.actual(), p.expected(), p.production(), p.degreeDays(), p.difference(), p.percent())));
            } catch (InvalidQueryException e) {
                var kpi = ctx.kpis().specificConsumption(reporting);
                rows.add(TableRow.of(line.name(), kpi.energy(), kpi.production(), kpi.specific(), null, null, null,
                        words.format("review.noBaseline", words.time(baselineFrom), words.time(period.from()))));
            }
        }
        return new View(words.get("view.lines"), words.get("view.lines.title"), columns, rows, null);
    }

    private View top(List<BaselinePeriod> top) {
        List<Column> columns = List.of(Column.text(words.get("col.lineDay")), Column.of(words.get("col.energyKwh"), ColumnKind.ENERGY),
                Column.of(words.get("col.expected"), ColumnKind.ENERGY), Column.of(words.get("col.difference"), ColumnKind.ENERGY),
                Column.of(words.get("col.differencePercent"), ColumnKind.PERCENT));
        List<TableRow> rows = new ArrayList<>();
        for (BaselinePeriod p : top) {
            rows.add(TableRow.of(p.label(), p.actual(), p.expected(), p.difference(), p.percent()));
        }
        return new View(words.get("view.deviations"), words.get("view.deviations.title"), columns, rows, null);
    }
}
