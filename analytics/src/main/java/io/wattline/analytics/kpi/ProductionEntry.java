package io.wattline.analytics.kpi;

import java.time.Instant;
import java.util.Objects;

/** A production count entered by hand: {@code count} units made on {@code lineId} over [from, to). */
public record ProductionEntry(String lineId, Instant from, Instant to, double count, String note, Instant enteredAt) {

    public ProductionEntry {
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("production entry for " + lineId + ": from " + from
                    + " must be before to " + to);
        }
        if (!(count >= 0) || !Double.isFinite(count)) {
            throw new IllegalArgumentException("production entry for " + lineId + ": count must be finite and >= 0, was "
                    + count);
        }
    }
}
