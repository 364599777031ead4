package io.wattline.reports.model;

import java.time.LocalDateTime;

/**
 * What every report states on its first lines: which plant, which report over which period (in the
 * plant's local time), which tariff (name and version) and currency, when and by whom it was made.
 * Labels are in the report's language; the values as configured.
 */
public record TitleBlock(String plant, String report, String periodLabel, LocalDateTime periodStart,
        LocalDateTime periodEnd, String zone, String tariff, String tariffVersion, String currency,
        LocalDateTime generatedAt, String generatedBy) {
}
