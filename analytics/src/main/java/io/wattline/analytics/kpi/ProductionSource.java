package io.wattline.analytics.kpi;

/** Where a line's production came from: its production counter point, or counts entered by hand. */
public enum ProductionSource {
    POINT, MANUAL
}
