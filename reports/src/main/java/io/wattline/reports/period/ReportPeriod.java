package io.wattline.reports.period;

import io.wattline.core.report.ReportType.PeriodKind;
import java.time.Instant;

/**
 * The span one report run covers, [from, to), with the label it is archived and asked for under:
 * {@code 2026-10} (month), {@code 2026-10-05} (day), {@code 2026-10-05.morning} (a shift, by the
 * production day it belongs to and its id).
 */
public record ReportPeriod(PeriodKind kind, String label, Instant from, Instant to) {
    public ReportPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("period " + label + " ends before it starts");
        }
    }
}
