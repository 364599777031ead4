package io.wattline.analytics.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Production of a period from counts entered by hand: each entry is spread evenly over its own
 * span, and a period gets the share that overlaps it (the same linear split counters get).
 */
public final class ProductionCounts {

    private ProductionCounts() {
    }

    /** Σ of each entry's count × (overlap with [start, end)) ÷ (entry's span). */
    public static double manual(List<ProductionEntry> entries, Instant start, Instant end) {
        double total = 0;
        for (ProductionEntry e : entries) {
            Instant a = e.from().isAfter(start) ? e.from() : start;
            Instant b = e.to().isBefore(end) ? e.to() : end;
            if (a.isBefore(b)) {
                total += e.count() * nanos(a, b) / nanos(e.from(), e.to());
            }
        }
        return total;
    }

    /** True when the entries cover every instant of [start, end). */
    public static boolean covers(List<ProductionEntry> entries, Instant start, Instant end) {
        Instant reached = start;
        List<ProductionEntry> sorted = entries.stream().sorted((x, y) -> x.from().compareTo(y.from())).toList();
        for (ProductionEntry e : sorted) {
            if (e.from().isAfter(reached)) {
                return false;
            }
            if (e.to().isAfter(reached)) {
                reached = e.to();
            }
            if (!reached.isBefore(end)) {
                return true;
            }
        }
        return !reached.isBefore(end);
    }

    private static double nanos(Instant a, Instant b) {
        return (double) Duration.between(a, b).toNanos();
    }
}
