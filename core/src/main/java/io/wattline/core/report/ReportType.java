package io.wattline.core.report;

import java.util.Locale;

/**
 * The kinds of finance report, each with the period one run covers: a shift summary covers a shift,
 * a daily report a plant-local day, the monthly ones a calendar month.
 */
public enum ReportType {
    /** Consumption and cost per line and cost centre over one shift, for the shift leader. */
    SHIFT_SUMMARY("shift-summary", PeriodKind.SHIFT),
    /** One day per line and shift, band split, demand profile. */
    DAILY("daily", PeriodKind.DAY),
    /** Cost per cost centre and carrier with bands, demand charge, power factor; meter readings; bill check. */
    MONTHLY_COST("monthly-cost", PeriodKind.MONTH),
    /** Readings of every billing meter at the month's start and end. */
    METER_READINGS("meter-readings", PeriodKind.MONTH),
    /** The month's energy review as GB/T 23331 / ISO 50001 reviews use it: carriers in kWh and tce, lines against baseline. */
    ENERGY_REVIEW("energy-review", PeriodKind.MONTH);

    /** What one run of a report covers. */
    public enum PeriodKind { SHIFT, DAY, MONTH }

    private final String id;
    private final PeriodKind periodKind;

    ReportType(String id, PeriodKind periodKind) {
        this.id = id;
        this.periodKind = periodKind;
    }

    /** The name used in configuration files and the API, e.g. {@code monthly-cost}. */
    public String id() {
        return id;
    }

    public PeriodKind periodKind() {
        return periodKind;
    }

    /** @throws IllegalArgumentException for a name no type has */
    public static ReportType parse(String text) {
        for (ReportType t : values()) {
            if (t.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown report type '" + text + "'");
    }
}
