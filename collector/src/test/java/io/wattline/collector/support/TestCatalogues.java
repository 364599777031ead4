package io.wattline.collector.support;

import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import java.util.Optional;
import java.util.function.Function;

/**
 * Point catalogues for the collector's tests, built by the same builder the application uses
 * (config's {@link PointCatalogues}; the collector itself never imports config).
 */
public final class TestCatalogues {

    private TestCatalogues() {
    }

    /** The catalogue of {@code plant} with these Modbus profiles and the shipped OPC UA profiles. */
    public static PointCatalogue of(Plant plant, Function<String, DeviceProfile> profiles) {
        return PointCatalogues.build(plant, id -> Optional.ofNullable(profiles.apply(id)),
                OpcUaProfileLoader.builtIn()::find);
    }

    /** The catalogue of a plant whose meters are all read over OPC UA with these profiles. */
    public static PointCatalogue ofOpcUa(Plant plant, Function<String, Optional<OpcUaProfile>> profiles) {
        return PointCatalogues.build(plant, id -> Optional.empty(), profiles);
    }
}
