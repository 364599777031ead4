package io.wattline.core.plant;

import java.time.Duration;
import java.util.Map;

/**
 * A metered device: which profile describes it, where it is reached, and where its consumption
 * belongs in the plant tree. Hierarchy comes from here at query time, never from stored series.
 *
 * @param profile      profile id {@code vendor/model}, e.g. {@code chint/dtsu666}
 * @param unitId       Modbus unit (slave) id on its connection
 * @param pollGroups   poll period per group name declared in the profile ({@code fast}, {@code slow})
 * @param parentMeterId meter this one is a sub-meter of, or null
 * @param maxRatePerHour the plant file's plausibility limit of the meter's counters in counter units per hour
 *                     ({@code maxPowerKw} for an energy meter, {@code maxFlowPerHour} for a flow meter), or null
 *                     when the file gives none (the profile's rating or the quantity's plausible range applies)
 */
public record Meter(
        String id,
        String name,
        String profile,
        String connectionId,
        int unitId,
        EnergyCarrier carrier,
        String areaId,
        String lineId,
        String equipmentId,
        String costCentreId,
        String parentMeterId,
        Map<String, Duration> pollGroups,
        Double maxRatePerHour) {

    public Meter {
        pollGroups = Map.copyOf(pollGroups);
        if (maxRatePerHour != null && (!(maxRatePerHour > 0) || maxRatePerHour.isInfinite())) {
            throw new IllegalArgumentException("meter " + id + ": the plausibility limit must be a finite number > 0, was "
                    + maxRatePerHour);
        }
    }

    /** A meter without a plausibility limit of its own. */
    public Meter(String id, String name, String profile, String connectionId, int unitId, EnergyCarrier carrier,
            String areaId, String lineId, String equipmentId, String costCentreId, String parentMeterId,
            Map<String, Duration> pollGroups) {
        this(id, name, profile, connectionId, unitId, carrier, areaId, lineId, equipmentId, costCentreId, parentMeterId,
                pollGroups, null);
    }
}
