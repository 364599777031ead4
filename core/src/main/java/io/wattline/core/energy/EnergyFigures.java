package io.wattline.core.energy;

import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The energy figures the alarm engine's energy rules ask for, computed from counters the way
 * accounting computes them (ARCHITECTURE.md decision 9). A port: analytics implements it, so the
 * alarms module never imports analytics. Calls read the historian and may take a while: never call
 * them on a thread that must not block.
 */
public interface EnergyFigures {

    /** What a consumption figure is about. */
    enum Group { LINE, COST_CENTRE }

    /** A period's actual consumption against what the KPI baseline expects for it. */
    record BaselineFigure(double actual, double expected, Double percent, String unit) {
    }

    /** Consumption of a meter's accounting counter over [from, to), in its unit; empty without readings. */
    OptionalDouble meterConsumption(String meterId, Instant from, Instant to);

    /**
     * Consumption of a line or cost centre in {@code carrier} over [from, to), in the carrier's unit;
     * empty when nothing of that carrier is metered there or there are no readings.
     */
    OptionalDouble groupConsumption(Group group, String id, EnergyCarrier carrier, Instant from, Instant to);

    /**
     * A line's consumption over [from, to) against its KPI baseline fitted on [baselineFrom, baselineTo)
     * in periods of {@code period} ({@code shift} or {@code day}); empty when no baseline can be fitted.
     */
    Optional<BaselineFigure> baseline(String lineId, EnergyCarrier carrier, String period, Instant baselineFrom,
            Instant baselineTo, Instant from, Instant to);

    /** No figures at all (a plant without history, tests of the other rules). */
    static EnergyFigures none() {
        return new EnergyFigures() {
            @Override
            public OptionalDouble meterConsumption(String meterId, Instant from, Instant to) {
                return OptionalDouble.empty();
            }

            @Override
            public OptionalDouble groupConsumption(Group group, String id, EnergyCarrier carrier, Instant from,
                    Instant to) {
                return OptionalDouble.empty();
            }

            @Override
            public Optional<BaselineFigure> baseline(String lineId, EnergyCarrier carrier, String period,
                    Instant baselineFrom, Instant baselineTo, Instant from, Instant to) {
                return Optional.empty();
            }
        };
    }
}
