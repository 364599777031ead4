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
        Map<String, Duration> pollGroups) {

    public Meter {
        pollGroups = Map.copyOf(pollGroups);
    }
}
