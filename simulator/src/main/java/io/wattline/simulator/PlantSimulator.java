package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import io.wattline.simulator.opcua.LinePlcServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated plant: the {@link PlantModel}, one TCP listener per modbus-tcp or
 * modbus-rtu-over-tcp connection, one timed {@link Rs485BusEmulator} per modbus-rtu connection and
 * a {@link LinePlcServer} per OPC UA connection of demo line PLCs,
 * serving each meter of that connection under its unit id with the registers of its profile. Every
 * read advances the model to the clock's time first.
 */
public final class PlantSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulator.class);
    /** Baud rate of a modbus-rtu connection that does not configure one. */
    public static final int DEFAULT_BAUD = 9600;
    /** OPC UA profile of the demo line PLC, and the one line its node ids name. */
    static final String LINE_PLC_PROFILE = "wattline/line-plc";
    static final String LINE_PLC_LINE = "Line1";
    /** The PLC server binds loopback only, whatever the Modbus bind host. */
    private static final String LOOPBACK_HOST = "127.0.0.1";

    private final Plant plant;
    private final PlantModel model;
    private final List<ModbusTcpSlave> slaves;
    private final Map<String, Rs485BusEmulator> buses;
    private final List<LinePlcServer.Starting> plcs;

    private PlantSimulator(Plant plant, PlantModel model, List<ModbusTcpSlave> slaves,
            Map<String, Rs485BusEmulator> buses, List<LinePlcServer.Starting> plcs) {
        this.plant = plant;
        this.model = model;
        this.slaves = slaves;
        this.buses = buses;
        this.plcs = plcs;
    }

    /** Starts the slaves of {@code plant} with profiles from {@code profiles}. */
    public static PlantSimulator start(Plant plant, ProfileCatalog profiles, SimulatorOptions options) {
        return start(plant, profiles::find, options);
    }

    /** Starts the slaves of {@code plant}; {@code profiles} looks a profile up by id. */
    public static PlantSimulator start(Plant plant, Function<String, Optional<DeviceProfile>> profiles,
            SimulatorOptions options) {
        PlantSimulator simulator = startServingLater(plant, profiles, options, CompletableFuture.completedFuture(null));
        simulator.awaitServing();
        return simulator;
    }

    /**
     * Like {@link #start}, but the line PLCs (OPC UA servers: a key and a server start each) come
     * up on background threads, their ports already chosen: the application that embeds the demo
     * serves its pages at once, and its collector connects when they are up.
     */
    public static PlantSimulator startServingLater(Plant plant, ProfileCatalog profiles, SimulatorOptions options) {
        return startServingLater(plant, profiles::find, options, CompletableFuture.completedFuture(null));
    }

    /**
     * Like {@link #startServingLater}, but the line PLCs start only at {@link #releaseLinePlcs()}: their
     * RSA keys cost seconds of CPU that the embedding application's own start needs more (issue 12,
     * fast start). Their ports are chosen now, so the plant already points at them.
     */
    public static PlantSimulator startHoldingLinePlcs(Plant plant, ProfileCatalog profiles, SimulatorOptions options) {
        return startServingLater(plant, profiles::find, options, new CompletableFuture<>());
    }

    /** Lets line PLCs held by {@link #startHoldingLinePlcs} start, in the background; no effect otherwise. */
    public void releaseLinePlcs() {
        plcs.forEach(LinePlcServer.Starting::release);
    }

    /**
     * Releases held line PLCs and waits until each serves or failed (a failure was logged by the PLC;
     * the rest of the simulated plant keeps serving): for an embedding application that wants their
     * start, seconds of CPU, to end before it starts more background work.
     */
    public void releaseLinePlcsAndWait() {
        releaseLinePlcs();
        for (LinePlcServer.Starting p : plcs) {
            try {
                p.server().get();
            } catch (java.util.concurrent.ExecutionException e) {
                // logged by the PLC; its OPC UA points stay unreachable, the Modbus devices serve on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until every line PLC serves (or failed: each gives up by itself after 30 s of server start). */
    public void awaitServing() {
        for (LinePlcServer.Starting p : plcs) {
            try {
                p.server().get();
            } catch (java.util.concurrent.ExecutionException e) {
                close();
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the demo line PLC starts", e);
            }
        }
    }

    private static PlantSimulator startServingLater(Plant plant, Function<String, Optional<DeviceProfile>> profiles,
            SimulatorOptions options, CompletableFuture<Void> plcGo) {
        LoadModels loads = options.resolvedLoadModels();
        Clock clock = options.clock();
        PlantModel model = PlantModel.create(plant, loads, clock.instant());
        List<ModbusTcpSlave> slaves = new ArrayList<>();
        Map<String, Rs485BusEmulator> buses = new LinkedHashMap<>();
        List<LinePlcServer.Starting> plcs = new ArrayList<>();
        List<Connection> rewritten = new ArrayList<>();
        int lowestModbusPort = plant.connections().stream().filter(PlantSimulator::isServedOverTcp)
                .mapToInt(Connection::port).min().orElse(0);
        try {
            for (Connection c : plant.connections()) {
                List<Meter> meters = plant.meters().stream().filter(m -> c.id().equals(m.connectionId())).toList();
                if (c.type() == ConnectionType.MODBUS_RTU && !meters.isEmpty() && Rs485BusEmulator.socatAvailable()) {
                    int baud = c.baudRate() > 0 ? c.baudRate() : DEFAULT_BAUD;
                    Rs485BusEmulator bus = Rs485BusEmulator.start(
                            Rs485BusEmulator.Settings.of(baud).withName(c.id()),
                            devices(c, meters, profiles, loads, model, clock));
                    buses.put(c.id(), bus);
                    rewritten.add(c.withSerialDevice(bus.masterDevice(), baud));
                    continue;
                }
                if (isLinePlc(c, meters)) {
                    int port = options.opcUaPort(c.port(), plcs.size());
                    LinePlcServer.Starting plc = LinePlcServer.startInBackground(port, List.of(LINE_PLC_LINE),
                            options.seed() == null ? 1L : options.seed(), plcGo);
                    plcs.add(plc);
                    rewritten.add(c.withEndpoint(LOOPBACK_HOST, plc.port()));
                    continue;
                }
                if (!isServedOverTcp(c) || meters.isEmpty()) {
                    if (!meters.isEmpty()) {
                        LOG.warn("connection {} ({}) is not simulated: {}; its {} meters stay unserved", c.id(),
                                c.type().configName(), c.type() == ConnectionType.MODBUS_RTU
                                        ? "socat is not installed (apt-get install -y socat)"
                                        : "only modbus-tcp, modbus-rtu-over-tcp and modbus-rtu are", meters.size());
                    }
                    rewritten.add(c);
                    continue;
                }
                List<SimulatedDevice> devices = devices(c, meters, profiles, loads, model, clock);
                int port = options.modbusPort(c.port(), lowestModbusPort);
                ModbusTcpSlave slave = ModbusTcpSlave.open(c.id(), options.bindHost(), port,
                        c.type() == ConnectionType.MODBUS_RTU_OVER_TCP, devices);
                slaves.add(slave);
                rewritten.add(c.withEndpoint(options.bindHost(), slave.port()));
                LOG.info("simulated connection {} ({}) listens on {}:{} with unit ids {}", c.id(),
                        c.type().configName(), slave.host(), slave.port(), devices.stream().map(d -> d.unitId() + "=" + d.meterId()).toList());
            }
        } catch (RuntimeException e) {
            slaves.forEach(ModbusTcpSlave::close);
            buses.values().forEach(Rs485BusEmulator::close);
            plcs.forEach(LinePlcServer.Starting::close);
            throw e;
        }
        return new PlantSimulator(plant.withConnections(rewritten), model, List.copyOf(slaves),
                java.util.Collections.unmodifiableMap(buses), List.copyOf(plcs));
    }

    /** An OPC UA connection whose meters are all the demo line PLC: served by a {@link LinePlcServer}. */
    private static boolean isLinePlc(Connection c, List<Meter> meters) {
        return c.type() == ConnectionType.OPC_UA && !meters.isEmpty()
                && meters.stream().allMatch(m -> LINE_PLC_PROFILE.equals(m.profile()));
    }

    private static boolean isServedOverTcp(Connection c) {
        return c.type() == ConnectionType.MODBUS_TCP || c.type() == ConnectionType.MODBUS_RTU_OVER_TCP;
    }

    private static List<SimulatedDevice> devices(Connection c, List<Meter> meters,
            Function<String, Optional<DeviceProfile>> profiles, LoadModels loads, PlantModel model, Clock clock) {
        List<SimulatedDevice> devices = new ArrayList<>();
        Set<Integer> unitIds = new HashSet<>();
        for (Meter m : meters) {
            if (!unitIds.add(m.unitId())) {
                throw new IllegalArgumentException("connection " + c.id() + ": unit id " + m.unitId()
                        + " is used by more than one meter (meter " + m.id() + ")");
            }
            DeviceProfile profile = profiles.apply(m.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + m.id() + ": profile '" + m.profile() + "' is not in the profile catalogue"));
            RegisterImage image = new RegisterImage(profile, loads.fixedPoints().getOrDefault(profile.id(), Map.of()));
            Map<Quantity, Double> sample = model.readings(m.id());
            List<Quantity> unserved = image.quantities().stream().filter(q -> !sample.containsKey(q)).toList();
            if (!unserved.isEmpty()) {
                LOG.info("meter {} ({}): quantities {} are not simulated and read as 0", m.id(), profile.id(), unserved);
            }
            String meterId = m.id();
            Supplier<Map<Quantity, Double>> readings = () -> {
                model.advanceTo(clock.instant());
                return model.readings(meterId);
            };
            devices.add(new SimulatedDevice(meterId, m.unitId(), image, readings));
        }
        return devices;
    }

    /** The plant with its simulated connections pointing at the simulator's host and ports. */
    public Plant plant() {
        return plant;
    }

    public PlantModel model() {
        return model;
    }

    /** The timed RS-485 bus serving a modbus-rtu connection (to make slaves dead, slow or garbling). */
    public Optional<Rs485BusEmulator> bus(String connectionId) {
        return Optional.ofNullable(buses.get(connectionId));
    }

    /** The timed buses by connection id. */
    public Map<String, Rs485BusEmulator> buses() {
        return buses;
    }

    /** "type host:port" (or "type device @baud") of each simulated connection, by connection id (for logs and the UI). */
    public Map<String, String> endpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Connection c : plant.connections()) {
            if (isServedOverTcp(c) && slaves.stream().anyMatch(s -> s.port() == c.port())) {
                out.put(c.id(), c.type().configName() + " " + c.host() + ":" + c.port());
            } else if (c.type() == ConnectionType.OPC_UA && plcs.stream().anyMatch(p -> p.port() == c.port())) {
                out.put(c.id(), c.type().configName() + " opc.tcp://" + c.host() + ":" + c.port()
                        + (c.opcUa() == null ? "" : c.opcUa().path()));
            } else if (buses.containsKey(c.id())) {
                out.put(c.id(), c.type().configName() + " " + c.serialDevice() + " @" + c.baudRate());
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (ModbusTcpSlave s : slaves) {
            s.close();
        }
        for (Rs485BusEmulator b : buses.values()) {
            b.close();
        }
        for (LinePlcServer.Starting p : plcs) {
            p.close();
        }
        LOG.info("simulated plant '{}' stopped", plant.name());
    }
}
