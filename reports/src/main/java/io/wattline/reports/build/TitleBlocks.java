package io.wattline.reports.build;

import io.wattline.core.report.ReportDefinition;
import io.wattline.core.tariff.TouTariff;
import io.wattline.reports.model.TitleBlock;
import io.wattline.reports.period.ReportPeriod;
import java.time.Instant;

/** The title block of a run: plant, report, period in local time, tariff name and version, currency, made when and by whom. */
final class TitleBlocks {

    private TitleBlocks() {
    }

    static TitleBlock of(ReportDefinition def, ReportPeriod period, ReportContext ctx, Words words, Instant generatedAt,
            String generatedBy) {
        TouTariff t = ctx.tariff();
        return new TitleBlock(ctx.plant().name(), def.name(), period.label(), words.local(period.from()),
                words.local(period.to()), ctx.plant().zone().getId(), t == null ? words.get("title.noTariff") : t.name(),
                t == null ? "" : t.id() + " (" + words.get("title.effectiveFrom") + " " + t.effectiveFrom() + ")",
                t == null ? "" : t.currency(), words.local(generatedAt), generatedBy);
    }
}
