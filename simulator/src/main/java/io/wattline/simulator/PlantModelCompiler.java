package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns load-model data into simulated meters, in an order where dependencies come first. */
final class PlantModelCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(PlantModelCompiler.class);

    private final Plant plant;
    private final LoadModels loads;
    private final SeededNoise noise;
    private final Map<String, ActivitySchedule> schedules = new HashMap<>();
    private final Map<String, SimulatedMeter> compiled = new LinkedHashMap<>();
    private final List<SimulatedMeter> order = new ArrayList<>();
    private final List<String> inProgress = new ArrayList<>();

    PlantModelCompiler(Plant plant, LoadModels loads) {
        this.plant = plant;
        this.loads = loads;
        this.noise = new SeededNoise(loads.seed());
        for (String id : loads.meters().keySet()) {
            if (plant.meter(id).isEmpty()) {
                LOG.warn("load model for meter '{}' ignored: the plant has no such meter", id);
            }
        }
    }

    Map<String, SimulatedMeter> compile() {
        Map<String, SimulatedMeter> byPlantOrder = new LinkedHashMap<>();
        for (Meter m : plant.meters()) {
            byPlantOrder.put(m.id(), compile("plant", m.id()));
        }
        return byPlantOrder;
    }

    List<SimulatedMeter> evaluationOrder() {
        return List.copyOf(order);
    }

    private SimulatedMeter compile(String referredBy, String id) {
        SimulatedMeter done = compiled.get(id);
        if (done != null) {
            return done;
        }
        if (inProgress.contains(id)) {
            throw new IllegalArgumentException("load models of meters " + inProgress + " depend on each other in a cycle");
        }
        Meter meter = plant.meter(id).orElseThrow(() -> new IllegalArgumentException(
                "load models: " + referredBy + " names meter '" + id + "', which the plant does not define"));
        inProgress.add(id);
        LoadModels.MeterLoad load = loads.meters().getOrDefault(id, defaultLoad(meter.carrier()));
        String where = "meters." + id;
        LoadModels.MeterKind kind = load.kindValue(where);
        long channel = SeededNoise.channel(id, 0);
        SimulatedMeter.Term own = null;
        List<SimulatedMeter> sumOf = null;
        if (load.sumOf() != null) {
            sumOf = new ArrayList<>();
            for (String sub : load.sumOf()) {
                sumOf.add(compile(where + ".sumOf", sub));
            }
        } else {
            own = term(where, load.pattern(), load.follows(), load.idle(), load.full(), load.noise(),
                    load.cycle(), load.powerFactor(), channel);
        }
        List<SimulatedMeter.Term> extras = new ArrayList<>();
        for (int i = 0; i < load.extra().size(); i++) {
            LoadModels.Term t = load.extra().get(i);
            extras.add(term(where + ".extra[" + i + "]", t.pattern(), t.follows(), t.idle(), t.full(),
                    t.noise(), null, t.powerFactor(), channel + 100 + i));
        }
        double full = own != null ? own.full() : nominalFull(sumOf, extras);
        SimulatedMeter sm = new SimulatedMeter(id, kind, meter.carrier(), own, sumOf, extras,
                load.lossFraction() == null ? 0.0 : load.lossFraction(), load.daily(), load.drift(),
                phaseShare(where, load.phaseShare(), channel), voltageOffsets(channel),
                kind == LoadModels.MeterKind.FLOW ? pipe(where, meter.carrier(), load.pipe(), full) : null,
                channel, initialReadings(where, kind, meter.carrier(), load, full, channel));
        inProgress.remove(id);
        compiled.put(id, sm);
        order.add(sm);
        return sm;
    }

    /** Full load of a sum: its sub-meters' and extra loads' full loads together. */
    private static double nominalFull(List<SimulatedMeter> sumOf, List<SimulatedMeter.Term> extras) {
        double full = 0;
        for (SimulatedMeter sub : sumOf) {
            full += sub.own != null ? sub.own.full() : nominalFull(sub.sumOf, sub.extras);
        }
        for (SimulatedMeter.Term t : extras) {
            full += t.full();
        }
        return full;
    }

    private SimulatedMeter.Term term(String where, String pattern, String follows, Double idle, Double full,
            Double noiseLevel, LoadModels.Cycle cycle, LoadModels.PowerFactor pf, long channel) {
        ActivitySchedule schedule = null;
        SimulatedMeter followed = null;
        if (follows != null) {
            followed = compile(where + ".follows", follows);
            if (followed.isSum()) {
                throw new IllegalArgumentException(where + ".follows '" + follows
                        + "' is a sum of meters and has no activity of its own to follow");
            }
        } else if (pattern != null) {
            schedule = schedule(where, pattern);
        }
        if (idle == null || full == null) {
            throw new IllegalArgumentException(where + ": idle and full are required");
        }
        if (cycle != null && (cycle.seconds() <= 0 || cycle.dutyIdle() < 0 || cycle.dutyFull() > 1)) {
            throw new IllegalArgumentException(where + ".cycle: seconds > 0 and duties within 0..1 expected");
        }
        return new SimulatedMeter.Term(schedule, followed, idle, full, noiseLevel == null ? 0.0 : noiseLevel,
                cycle, pf, channel);
    }

    /** Patterns are checked against the plant's shifts only when a meter of the plant uses them. */
    private ActivitySchedule schedule(String where, String pattern) {
        ActivitySchedule schedule = schedules.get(pattern);
        if (schedule == null) {
            LoadModels.Pattern p = loads.patterns().get(pattern);
            if (p == null) {
                throw new IllegalArgumentException(where + ".pattern '" + pattern + "' is not one of "
                        + loads.patterns().keySet());
            }
            schedule = new ActivitySchedule(pattern, p, plant.shiftCalendar(), plant.zone());
            schedules.put(pattern, schedule);
        }
        return schedule;
    }

    private double[] phaseShare(String where, List<Double> given, long channel) {
        double[] share = new double[3];
        if (given != null) {
            if (given.size() != 3) {
                throw new IllegalArgumentException(where + ".phaseShare needs 3 values, got " + given);
            }
            for (int i = 0; i < 3; i++) {
                share[i] = given.get(i);
            }
        } else {
            for (int i = 0; i < 3; i++) {
                share[i] = 1.0 / 3 + (noise.uniform(channel + 20 + i) - 0.5) * 0.04;
            }
        }
        double sum = share[0] + share[1] + share[2];
        for (int i = 0; i < 3; i++) {
            share[i] /= sum;
        }
        return share;
    }

    private double[] voltageOffsets(long channel) {
        double[] offsets = new double[3];
        for (int i = 0; i < 3; i++) {
            offsets[i] = (noise.uniform(channel + 30 + i) - 0.5) * 0.006;
        }
        return offsets;
    }

    /**
     * The pipe of a flow meter: what the load model gives, the rest by carrier. Steam: 1100
     * kPa(g) sagging by 120 kPa from idle to full load, shown absolute (vortex mass meters read
     * psia), saturated, sized for 25 m/s at full flow. Compressed air: a 660..740 kPa(g)
     * load/unload band, 30 degC, 1.2 kg/m3 free air, 15 m/s of free air at full flow. Natural gas:
     * 20 kPa(g) after the boiler's regulator, 15 degC, 0.72 kg/m3 at standard conditions, 10 m/s.
     * Water and others: 300 kPa(g), 15 degC, 1000 kg/m3, 1.5 m/s.
     */
    private static SimulatedMeter.Pipe pipe(String where, EnergyCarrier carrier, LoadModels.Pipe given,
            double full) {
        LoadModels.Pipe g = given == null ? new LoadModels.Pipe(null, null, null, null, null) : given;
        double pressure;
        double swing;
        boolean absolute;
        double temperature;
        double density;
        double velocity;
        switch (carrier) {
            case STEAM -> {
                pressure = 1100; swing = 120; absolute = true; temperature = Double.NaN; density = 1; velocity = 25;
            }
            case COMPRESSED_AIR -> {
                pressure = 700; swing = 80; absolute = false; temperature = 30; density = 0.0012; velocity = 15;
            }
            case NATURAL_GAS -> {
                pressure = 20; swing = 2; absolute = false; temperature = 15; density = 0.00072; velocity = 10;
            }
            default -> {
                pressure = 300; swing = 30; absolute = false; temperature = 15; density = 1.0; velocity = 1.5;
            }
        }
        pressure = g.pressure() != null ? g.pressure() : pressure;
        swing = g.swing() != null ? g.swing() : swing;
        absolute = g.absolute() != null ? g.absolute() : absolute;
        temperature = carrier == EnergyCarrier.STEAM || g.temperature() == null ? temperature : g.temperature();
        if (pressure <= 0 || swing < 0 || swing >= 2 * pressure) {
            throw new IllegalArgumentException(where + ".pipe: pressure must be > 0 kPa(g) and swing within 0.."
                    + "2 × pressure, got pressure " + pressure + ", swing " + swing);
        }
        double area;
        if (g.diameter() != null) {
            if (g.diameter() <= 0) {
                throw new IllegalArgumentException(where + ".pipe.diameter must be > 0 m, got " + g.diameter());
            }
            area = Math.PI * g.diameter() * g.diameter() / 4;
        } else {
            double fullVolume = carrier == EnergyCarrier.STEAM
                    ? full * 1000 * SaturatedSteam.specificVolume(pressure + SaturatedSteam.ATMOSPHERE_KPA)
                    : full;
            area = Math.max(fullVolume, 0.1) / 3600.0 / velocity;
        }
        return new SimulatedMeter.Pipe(pressure, swing, absolute, temperature, area, density);
    }

    private Map<Quantity, Double> initialReadings(String where, LoadModels.MeterKind kind, EnergyCarrier carrier,
            LoadModels.MeterLoad load, double full, long channel) {
        Map<Quantity, Double> initial = new EnumMap<>(Quantity.class);
        // a meter that has run 1000..6000 full-load hours since it was installed
        double hours = 1000 + 5000 * noise.uniform(channel + 40);
        double base = Math.rint(Math.max(full, 1.0) * hours * 10) / 10;
        switch (kind) {
            case ELECTRICITY -> {
                initial.put(Quantity.ACTIVE_ENERGY_IMPORT, base);
                initial.put(Quantity.REACTIVE_ENERGY_IMPORT, Math.rint(base * 4) / 10);
                initial.put(Quantity.ACTIVE_ENERGY_EXPORT, Math.rint(noise.uniform(channel + 41) * 500) / 10);
                initial.put(Quantity.REACTIVE_ENERGY_EXPORT, Math.rint(noise.uniform(channel + 42) * 300) / 10);
            }
            // steam is counted in t only: its volume depends on the pressure, so no exact volume total
            case FLOW -> {
                if (carrier != EnergyCarrier.STEAM) {
                    initial.put(Quantity.VOLUME, base);
                }
                initial.put(Quantity.MASS, carrier == EnergyCarrier.STEAM ? base
                        : Math.rint(base * densityOf(carrier) * 1000) / 1000);
            }
            case TEMPERATURE -> {
            }
        }
        load.initial().forEach((name, value) -> {
            Quantity q;
            try {
                q = Quantity.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".initial." + name + " is not a quantity", e);
            }
            if (!initial.containsKey(q)) {
                throw new IllegalArgumentException(where + ".initial." + name + ": this meter keeps only "
                        + initial.keySet());
            }
            initial.put(q, value);
        });
        return initial;
    }

    private static double densityOf(EnergyCarrier carrier) {
        return pipe("density", carrier, null, 1.0).density();
    }

    /** The "production" pattern when it fits the plant's shifts, else none (constant activity). */
    private String defaultPattern() {
        if (!loads.patterns().containsKey("production")) {
            return null;
        }
        try {
            schedule("default load", "production");
            return "production";
        } catch (IllegalArgumentException e) {
            LOG.info("meters without a load model run at constant activity: pattern 'production' does not fit"
                    + " this plant ({})", e.getMessage());
            return null;
        }
    }

    private LoadModels.MeterLoad defaultLoad(EnergyCarrier carrier) {
        String pattern = defaultPattern();
        return switch (carrier) {
            case ELECTRICITY -> new LoadModels.MeterLoad("electricity", pattern, null, 10.0, 60.0, 0.05, null,
                    new LoadModels.PowerFactor(0.78, 0.9), null, null, null, null, null, null, null, null);
            case NONE -> new LoadModels.MeterLoad("temperature", pattern, null, 20.0, 24.0, 0.002, null, null,
                    null, null, null, null, null, new LoadModels.Drift(0.5, 6), null, null);
            default -> new LoadModels.MeterLoad("flow", pattern, null, 0.5, 5.0, 0.05, null, null, null, null,
                    null, null, null, null, null, null);
        };
    }
}
