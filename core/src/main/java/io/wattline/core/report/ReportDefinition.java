package io.wattline.core.report;

import java.util.List;

/**
 * One configured report: what it shows ({@code type}, {@code scope}), when it runs ({@code schedule},
 * a Quartz cron expression in the plant's time zone, or null for on demand only), how it is rendered
 * ({@code formats}, {@code language} zh-CN or en) and where it goes (e-mail {@code recipients}
 * and/or a {@code folder} it is copied to, besides the archive).
 *
 * @param billTolerancePercent metered vs billed differences above this are flagged (monthly cost)
 * @param contractedDemandKw the contracted demand limit drawn on the demand profile, or null
 * @param baselineMonths energy review: how many months before the report month the baseline is fitted on
 * @param site at a central node, the one site of the group this report is for; null: every site using the plant file
 */
public record ReportDefinition(String id, String name, ReportType type, ReportScope scope, String schedule,
        List<ReportFormat> formats, String language, List<String> recipients, String folder,
        double billTolerancePercent, Double contractedDemandKw, int baselineMonths, String site) {

    public static final double DEFAULT_BILL_TOLERANCE_PERCENT = 1.0;
    public static final int DEFAULT_BASELINE_MONTHS = 3;

    public ReportDefinition {
        scope = scope == null ? ReportScope.SITE : scope;
        formats = List.copyOf(formats);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("report " + id + ": no format");
        }
    }

    /** A report for every site that uses its plant file (no {@code site}). */
    public ReportDefinition(String id, String name, ReportType type, ReportScope scope, String schedule,
            List<ReportFormat> formats, String language, List<String> recipients, String folder,
            double billTolerancePercent, Double contractedDemandKw, int baselineMonths) {
        this(id, name, type, scope, schedule, formats, language, recipients, folder, billTolerancePercent,
                contractedDemandKw, baselineMonths, null);
    }

    /** Whether a central runs and offers this report for {@code siteId}: it names no site, or that one. */
    public boolean forSite(String siteId) {
        return site == null || site.equals(siteId);
    }

    public boolean chinese() {
        return language.startsWith("zh");
    }
}
