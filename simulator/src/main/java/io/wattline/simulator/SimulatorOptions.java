package io.wattline.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link PlantSimulator} starts.
 *
 * @param bindHost       address the slaves listen on (and that {@link PlantSimulator#plant()} points at)
 * @param ephemeralPorts true: every listener gets a free port; false: the configured port + {@code portOffset}
 * @param portOffset     added to configured ports (ignored with ephemeral ports)
 * @param seed           overrides the load models' seed when not null
 * @param clock          the time the model is advanced to on every read
 * @param loadModels     load models; null means the demo's {@link LoadModels#DEMO_RESOURCE}
 */
public record SimulatorOptions(String bindHost, boolean ephemeralPorts, int portOffset, Long seed, Clock clock,
        LoadModels loadModels) {

    public static final String LOOPBACK = "127.0.0.1";

    public SimulatorOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(clock, "clock");
    }

    /** Loopback, free ports, system clock, demo load models: what tests and the demo use. */
    public static SimulatorOptions ephemeral() {
        return new SimulatorOptions(LOOPBACK, true, 0, null, Clock.systemUTC(), null);
    }

    /** Loopback on the configured ports: what an external collector polls. */
    public static SimulatorOptions configuredPorts() {
        return new SimulatorOptions(LOOPBACK, false, 0, null, Clock.systemUTC(), null);
    }

    public SimulatorOptions withBindHost(String host) {
        return new SimulatorOptions(host, ephemeralPorts, portOffset, seed, clock, loadModels);
    }

    public SimulatorOptions withPortOffset(int offset) {
        return new SimulatorOptions(bindHost, ephemeralPorts, offset, seed, clock, loadModels);
    }

    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, newSeed, clock, loadModels);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, newClock, loadModels);
    }

    public SimulatorOptions withLoadModels(LoadModels models) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, clock, models);
    }

    /** The load models to use, with the seed override applied. */
    LoadModels resolvedLoadModels() {
        LoadModels models = loadModels != null ? loadModels : LoadModels.fromResource(LoadModels.DEMO_RESOURCE);
        return seed != null ? models.withSeed(seed) : models;
    }
}
