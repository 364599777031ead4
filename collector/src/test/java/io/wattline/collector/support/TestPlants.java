package io.wattline.collector.support;

import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Small plants for the collector's tests: only connections and meters matter here. */
public final class TestPlants {

    private TestPlants() {
    }

    public static Connection tcp(String id, int port, Duration timeout) {
        return new Connection(id, ConnectionType.MODBUS_TCP, "127.0.0.1", port, null, 0, null, 0, timeout, 1);
    }

    public static Meter meter(String id, String profile, String connectionId, int unitId, Map<String, Duration> poll) {
        return new Meter(id, "Meter " + id, profile, connectionId, unitId, EnergyCarrier.ELECTRICITY, "area", null,
                null, null, null, poll);
    }

    public static Plant plant(List<Connection> connections, List<Meter> meters) {
        return new Plant("test plant", ZoneId.of("Asia/Shanghai"), List.of(), List.of(), List.of(), List.of(),
                List.of(), connections, meters, null, null);
    }
}
