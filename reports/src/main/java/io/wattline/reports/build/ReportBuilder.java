package io.wattline.reports.build;

import io.wattline.core.report.ReportDefinition;
import io.wattline.reports.model.ChartSpec;
import io.wattline.reports.model.Labels;
import io.wattline.reports.model.ReportDocument;
import io.wattline.reports.model.View;
import io.wattline.reports.period.ReportPeriod;
import java.time.Instant;
import java.util.List;

/**
 * Builds the content of one report run from the accounting (the same figures as
 * {@code GET /api/consumption}), whatever format it is rendered in.
 */
public final class ReportBuilder {

    private final ReportContext ctx;

    public ReportBuilder(ReportContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param now the generation time: periods (shifts, days) that begin after it are shown blank
     * @param by who asked for it ({@code scheduler} for scheduled runs)
     */
    public ReportDocument build(ReportDefinition def, ReportPeriod period, Instant now, String by) {
        Labels labels = Labels.of(def.language());
        Words words = new Words(labels, ctx.plant().zone());
        MonthlyCostReport.Built built = switch (def.type()) {
            case SHIFT_SUMMARY -> new OperationsReports(ctx, def, period, words, now).build(false);
            case DAILY -> new OperationsReports(ctx, def, period, words, now).build(true);
            case MONTHLY_COST -> new MonthlyCostReport(ctx, def, period, words, now).build();
            case METER_READINGS -> readings(period, words, now);
            case ENERGY_REVIEW -> new EnergyReviewReport(ctx, def, period, words, now).build();
        };
        return new ReportDocument(TitleBlocks.of(def, period, ctx, words, now, by), built.views(), built.charts(),
                built.notes().all(), labels);
    }

    private MonthlyCostReport.Built readings(ReportPeriod period, Words words, Instant now) {
        QualityNotes notes = new QualityNotes(ctx.accounting(), ctx.plant(), period.from(), period.to(), words);
        View readings = new MeterReadings(ctx, words, notes).view(period.from(), period.to(), now);
        return new MonthlyCostReport.Built(List.of(readings), List.<ChartSpec>of(), notes);
    }
}
