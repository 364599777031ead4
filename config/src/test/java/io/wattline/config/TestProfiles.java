package io.wattline.config;

import io.wattline.core.Quantity;
import io.wattline.profiles.AddressBase;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import java.time.Duration;
import java.util.List;

/**
 * Two small Modbus profiles for the fixtures under config/: their register maps do not matter here,
 * only their ids and poll groups (power: fast and slow; temperature: fast only). Three OPC UA
 * profiles, of which only the ids matter.
 */
final class TestProfiles {

    private TestProfiles() {
    }

    static PlantConfigLoader loader() {
        return PlantConfigLoader.withProfiles(modbus(), opcUa());
    }

    static List<DeviceProfile> modbus() {
        return List.of(
                profile("test/power", point("active_power", Quantity.ACTIVE_POWER, 0, "fast"),
                        point("energy", Quantity.ACTIVE_ENERGY_IMPORT, 2, "slow")),
                profile("test/temperature", point("temperature", Quantity.TEMPERATURE, 0, "fast")));
    }

    static List<OpcUaProfile> opcUa() {
        return List.of(opcUa("test/line-plc"), opcUa("test/oven-plc"), opcUa("test/press"));
    }

    private static OpcUaProfile opcUa(String id) {
        String[] parts = id.split("/");
        return new OpcUaProfile(id, parts[0], parts[1], "test OPC UA profile", List.of(new OpcUaPoint("drive_power",
                Quantity.ACTIVE_POWER, "kW", "ns=2;s=Drive.Power", null, Duration.ofSeconds(1), 1, Deadband.NONE, 1, 0)));
    }

    private static DeviceProfile profile(String id, PointDefinition... points) {
        String[] parts = id.split("/");
        return new DeviceProfile(id, parts[0], parts[1], "test profile", 1, AddressBase.ZERO,
                List.of(points), List.of(), Quirks.none(), List.of());
    }

    private static PointDefinition point(String name, Quantity quantity, int address, String group) {
        return new PointDefinition(name, quantity, RegisterFunction.HOLDING, address, DataType.FLOAT32,
                WordOrder.ABCD, 1, 0, quantity.unit(), -1, null, group, "test");
    }
}
