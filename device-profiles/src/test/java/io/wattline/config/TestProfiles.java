package io.wattline.config;

import io.wattline.core.Quantity;
import io.wattline.profiles.AddressBase;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import java.util.List;

/**
 * Two small profiles for the fixtures under config/: their register maps do not matter here,
 * only their ids and poll groups (power: fast and slow; temperature: fast only).
 */
final class TestProfiles {

    private TestProfiles() {
    }

    static PlantConfigLoader loader() {
        return PlantConfigLoader.withProfiles(List.of(
                profile("test/power", point("active_power", Quantity.ACTIVE_POWER, 0, "fast"),
                        point("energy", Quantity.ACTIVE_ENERGY_IMPORT, 2, "slow")),
                profile("test/temperature", point("temperature", Quantity.TEMPERATURE, 0, "fast"))));
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
