package io.wattline.fleet.central;

import io.wattline.core.Quality;
import java.time.Instant;

/**
 * The latest value of one point of one site as the central node knows it from the broker.
 * {@code quality} is UNCERTAIN with a {@code reason} when the point is stale (its edge or device
 * died, or the central lost the broker); {@code value} is null while unknown or BAD.
 *
 * @param device the meter id on its edge; {@code device.metric} is the point id there
 */
public record FleetPoint(String site, String edgeNode, String device, String metric, String meterName,
        String quantity, String unit, Double value, Instant time, Quality quality, String reason) {

    public String pointId() {
        return device + "." + metric;
    }
}
