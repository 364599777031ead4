package io.wattline.simulator;

import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plant of one RS-485 bus with eight catalogue meters on unit ids 1..8, served by the bus
 * emulator: the collector's bus tests and the RTU benchmarks poll the same panel.
 */
public final class RtuBusPlants {

    /** Eight real models from the catalogue, as a panel of sub-meters would mix them. */
    public static final List<String> PROFILES = List.of("chint/dtsu666", "eastron/sdm630", "eastron/sdm120",
            "schneider/iem3155", "abb/b23", "janitza/umg96rm", "carlo-gavazzi/em24", "chint/dtsu666");

    private RtuBusPlants() {
    }

    /** The bus {@code bus1} at {@code baud}, every poll group of every meter at {@code period}. */
    public static Plant eightMeters(ProfileCatalog catalog, int baud, Duration timeout, Duration period) {
        Connection bus = new Connection("bus1", ConnectionType.MODBUS_RTU, null, 0, "/dev/ttyUSB0", baud, "N", 1,
                timeout, 1);
        List<Meter> meters = new ArrayList<>();
        for (int i = 0; i < PROFILES.size(); i++) {
            DeviceProfile profile = catalog.require(PROFILES.get(i));
            Map<String, Duration> poll = new LinkedHashMap<>();
            for (PointDefinition p : profile.points()) {
                poll.put(p.pollGroup(), period);
            }
            meters.add(new Meter("m" + (i + 1), "Meter " + (i + 1), profile.id(), "bus1", i + 1,
                    EnergyCarrier.ELECTRICITY, "area", null, null, null, null, poll));
        }
        return new Plant("rtu bus plant", ZoneId.of("Asia/Shanghai"), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(bus), meters, null, null);
    }
}
