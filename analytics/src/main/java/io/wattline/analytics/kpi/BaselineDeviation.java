package io.wattline.analytics.kpi;

/** Reporting period against the baseline: actual − expected, and that as a percentage of expected (negative = saving). */
public record BaselineDeviation(double actual, double expected, double difference, double percent) {
}
