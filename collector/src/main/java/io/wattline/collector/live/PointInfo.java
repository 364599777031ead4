package io.wattline.collector.live;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Duration;

/** What the UI and the historian need to know about one configured point. */
public record PointInfo(PointId id, String meterId, String meterName, Quantity quantity, String unit,
        EnergyCarrier carrier, Duration pollPeriod) {
}
