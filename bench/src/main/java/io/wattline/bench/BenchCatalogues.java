package io.wattline.bench;

import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;

/** The point catalogue a benchmark's collector reads, built as the application builds it. */
final class BenchCatalogues {

    private BenchCatalogues() {
    }

    /** The catalogue of {@code plant} with the shipped Modbus and OPC UA profiles. */
    static PointCatalogue of(Plant plant, ProfileCatalog catalog) {
        return PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
    }
}
