package io.wattline.web.fleet;

import io.wattline.config.ConfigException;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.plant.Plant;
import io.wattline.simulator.LoadModels;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fleet tests' second plant ({@code fleet/plant-b.yaml}: other meters, lines, tariff, shifts
 * and time zone than the demo) and its simulator, so that an edge runs it with {@code run --config}.
 */
final class FleetPlants {

    private FleetPlants() {
    }

    /** The plant file's text with its Modbus gateway at {@code port}. */
    static String plantB(int port) {
        return resource("fleet/plant-b.yaml").replace("port: 1502", "port: " + port);
    }

    /** Serves plant b's meters on a free loopback port; {@link PlantSimulator#plant()} has the port. */
    static PlantSimulator simulateB() throws ConfigException {
        ProfileLibrary library = ProfileLibrary.builtIn();
        Plant plant = library.plantLoader().parse("plant-b.yaml", plantB(1502));
        LoadModels loads;
        try (InputStream in = FleetPlants.class.getClassLoader().getResourceAsStream("fleet/loads-b.yaml")) {
            loads = LoadModels.parse("fleet/loads-b.yaml", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PlantSimulator.start(plant, library.modbus(), SimulatorOptions.ephemeral().withLoadModels(loads));
    }

    private static String resource(String name) {
        try (InputStream in = FleetPlants.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
