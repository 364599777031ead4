package io.wattline.analytics.kpi;

import java.time.Instant;

/**
 * A reporting period against the baseline: actual and expected energy, and actual − expected
 * ({@code difference}) and as % of expected ({@code percent}, null when nothing was expected).
 */
public record BaselinePeriod(String label, Instant start, Instant end, double actual, double expected,
        double production, Double degreeDays, double difference, Double percent) {
}
