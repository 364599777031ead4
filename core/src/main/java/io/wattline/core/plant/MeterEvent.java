package io.wattline.core.plant;

import java.time.Instant;
import java.util.Objects;

/**
 * A declared discontinuity of a meter's counter point: the register was reset, or the meter was
 * replaced, at {@code time}. Readings at or after {@code time} belong to the new register, so the
 * consumption across it is (oldFinal − last old reading) + (first new reading − newInitial).
 *
 * @param point      the counter point of the meter's profile, e.g. {@code active_energy_import}
 * @param oldFinal   the old register's last value (read off the old meter)
 * @param newInitial the new register's value at {@code time} (0 after a reset, usually)
 * @param note       free text for the audit trail (who, why), or null
 */
public record MeterEvent(String meterId, String point, Instant time, Kind kind, double oldFinal,
        double newInitial, String note) {

    /** What happened to the register. */
    public enum Kind { RESET, REPLACEMENT }

    public MeterEvent {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(oldFinal) || !Double.isFinite(newInitial)) {
            throw new IllegalArgumentException("meter event " + meterId + "." + point + " at " + time
                    + ": readings must be finite, were " + oldFinal + " and " + newInitial);
        }
    }
}
