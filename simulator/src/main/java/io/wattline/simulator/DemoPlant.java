package io.wattline.simulator;

import io.wattline.config.ConfigException;
import io.wattline.config.PlantConfigLoader;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.yaml.ValidationError;
import java.util.stream.Collectors;

/** The built-in demo plant: two lines, a compressor and a boiler, about a dozen meters. */
public final class DemoPlant {

    /** Class-path resource of the demo plant's configuration. */
    public static final String CONFIG_RESOURCE = "demo/plant.yaml";
    /** Class-path resource of the demo plant's load models. */
    public static final String LOADS_RESOURCE = LoadModels.DEMO_RESOURCE;

    private DemoPlant() {
    }

    /** The demo plant as configured (its connections still at the configured ports). */
    public static Plant load(ProfileCatalog profiles) {
        try {
            return new PlantConfigLoader(profiles::find).loadResource(CONFIG_RESOURCE);
        } catch (ConfigException e) {
            // the demo ships with the build: an invalid demo config is a bug, not a user error
            throw new IllegalStateException("built-in " + CONFIG_RESOURCE + " is invalid: "
                    + e.errors().stream().map(ValidationError::toString).collect(Collectors.joining("; ")), e);
        }
    }

    /** Loads the demo plant with the built-in profiles and starts its simulator. */
    public static PlantSimulator start(SimulatorOptions options) {
        ProfileCatalog profiles = ProfileCatalog.builtIn();
        return PlantSimulator.start(load(profiles), profiles, options);
    }
}
