package io.wattline.reports.build;

import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.report.ReportDefinition;
import io.wattline.reports.model.ChartSpec;
import io.wattline.reports.model.View;
import io.wattline.reports.period.ReportPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The shift summary and the daily report: consumption and cost per line (per shift for a day) and
 * per cost centre, as the scope allows, with the band split, the demand profile against the
 * contracted limit (daily) and each cost centre's share.
 */
final class OperationsReports {

    private final ReportContext ctx;
    private final ReportDefinition def;
    private final ReportPeriod period;
    private final Words words;
    private final Instant now;

    OperationsReports(ReportContext ctx, ReportDefinition def, ReportPeriod period, Words words, Instant now) {
        this.ctx = ctx;
        this.def = def;
        this.period = period;
        this.words = words;
        this.now = now;
    }

    MonthlyCostReport.Built build(boolean daily) {
        AccountingService accounting = ctx.accounting();
        Instant from = period.from();
        Instant to = period.to();
        QualityNotes notes = new QualityNotes(accounting, ctx.plant(), from, to, words);
        ConsumptionTables tables = new ConsumptionTables(words, notes, new GroupMeters(accounting.allocation()), now);
        String currency = ctx.tariff() == null ? "" : ctx.tariff().currency();
        List<View> views = new ArrayList<>();
        ConsumptionReport costCentres = accounting.report(new ConsumptionQuery("costcentre", from, to, "day", null,
                ReadPath.ROLLUP, false));
        boolean lines = def.scope().costCentres().isEmpty();
        boolean centres = def.scope().lines().isEmpty();
        if (lines) {
            ConsumptionReport byLine = accounting.report(new ConsumptionQuery("line", from, to, "shift", null,
                    ReadPath.ROLLUP, false));
            views.add(tables.view(words.get(daily ? "view.lineShift" : "view.line"),
                    words.get(daily ? "view.lineShift.title" : "view.line.title"), byLine, words.get("col.line"), daily,
                    Scopes.of(def.scope(), "line"), currency));
        }
        if (centres) {
            views.add(tables.view(words.get("view.costCentre"), words.get("view.costCentre.title"), costCentres,
                    words.get("col.costCentre"), false, Scopes.of(def.scope(), "costcentre"), currency));
        }
        ConsumptionReport site = accounting.report(new ConsumptionQuery("site", from, to, "day",
                io.wattline.core.plant.EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, false));
        Charts charts = new Charts(words);
        List<ChartSpec> specs = new ArrayList<>();
        specs.add(charts.bands(site));
        if (daily) {
            specs.add(charts.demandProfile(accounting, from, to.isAfter(now) ? now : to, def.contractedDemandKw(),
                    ctx.plant().zone()));
        }
        specs.add(charts.shares(costCentres, Scopes.of(def.scope(), "costcentre"), words.get("chart.shareCostCentre")));
        return new MonthlyCostReport.Built(views, specs, notes);
    }
}
