package io.wattline.web;

import io.wattline.core.plant.Plant;
import io.wattline.simulator.PlantSimulator;

/**
 * The plant the collector polls, and in demo mode the in-process simulator that serves it (its
 * connections already point at the simulator's ports). Closing stops the simulator.
 *
 * @param simulator null unless running the demo
 */
public record RunningPlant(Plant plant, PlantSimulator simulator) implements AutoCloseable {

    public boolean isDemo() {
        return simulator != null;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
