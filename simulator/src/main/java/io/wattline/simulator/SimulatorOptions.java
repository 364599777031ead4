package io.wattline.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link PlantSimulator} starts.
 *
 * @param bindHost       address the Modbus slaves listen on (and that {@link PlantSimulator#plant()} points at)
 * @param ephemeralPorts true: every listener gets a free port; false: the configured ports, moved as below
 * @param portOffset     added to the configured Modbus TCP ports (ignored with ephemeral ports or a base port)
 * @param seed           overrides the load models' seed when not null
 * @param clock          the time the model is advanced to on every read
 * @param loadModels     load models; null means the demo's {@link LoadModels#DEMO_RESOURCE}
 * @param modbusBasePort when not null, the Modbus gateway with the lowest configured port listens here
 *                       and the others keep their distance to it (OPC UA servers do not move)
 * @param opcUaPort      when not null, the first simulated OPC UA server listens here (further ones on
 *                       the next ports); null keeps their configured ports
 */
public record SimulatorOptions(String bindHost, boolean ephemeralPorts, int portOffset, Long seed, Clock clock,
        LoadModels loadModels, Integer modbusBasePort, Integer opcUaPort) {

    public static final String LOOPBACK = "127.0.0.1";

    public SimulatorOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(clock, "clock");
        checkPort("modbusBasePort", modbusBasePort);
        checkPort("opcUaPort", opcUaPort);
    }

    /** Options without a base port or an OPC UA port of their own (configured ports + offset). */
    public SimulatorOptions(String bindHost, boolean ephemeralPorts, int portOffset, Long seed, Clock clock,
            LoadModels loadModels) {
        this(bindHost, ephemeralPorts, portOffset, seed, clock, loadModels, null, null);
    }

    private static void checkPort(String name, Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException(name + " must be 1..65535, got " + port);
        }
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
        return new SimulatorOptions(host, ephemeralPorts, portOffset, seed, clock, loadModels, modbusBasePort, opcUaPort);
    }

    public SimulatorOptions withPortOffset(int offset) {
        return new SimulatorOptions(bindHost, ephemeralPorts, offset, seed, clock, loadModels, modbusBasePort, opcUaPort);
    }

    /** The Modbus gateways move together: the one with the lowest configured port listens on {@code port}. */
    public SimulatorOptions withModbusBasePort(Integer port) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, clock, loadModels, port, opcUaPort);
    }

    /** The simulated OPC UA server (the demo's line PLC) listens on {@code port}. */
    public SimulatorOptions withOpcUaPort(Integer port) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, clock, loadModels, modbusBasePort, port);
    }

    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, newSeed, clock, loadModels, modbusBasePort,
                opcUaPort);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, newClock, loadModels, modbusBasePort,
                opcUaPort);
    }

    public SimulatorOptions withLoadModels(LoadModels models) {
        return new SimulatorOptions(bindHost, ephemeralPorts, portOffset, seed, clock, models, modbusBasePort, opcUaPort);
    }

    /**
     * The port a Modbus TCP listener binds: 0 (free) with ephemeral ports; else its configured port
     * moved by the base port (relative to {@code lowestConfigured}) or by the offset.
     */
    int modbusPort(int configured, int lowestConfigured) {
        if (ephemeralPorts) {
            return 0;
        }
        return modbusBasePort != null ? modbusBasePort + (configured - lowestConfigured) : configured + portOffset;
    }

    /** The port the {@code index}-th simulated OPC UA server binds (0 with ephemeral ports). */
    int opcUaPort(int configured, int index) {
        if (ephemeralPorts) {
            return 0;
        }
        return opcUaPort != null ? opcUaPort + index : configured;
    }

    /** The load models to use, with the seed override applied. */
    LoadModels resolvedLoadModels() {
        LoadModels models = loadModels != null ? loadModels : LoadModels.fromResource(LoadModels.DEMO_RESOURCE);
        return seed != null ? models.withSeed(seed) : models;
    }
}
