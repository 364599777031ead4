package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One meter of the {@link PlantModel}: its compiled load model, the state of the current
 * simulated second, and its counters. Not thread-safe; the model guards it.
 *
 * <p>The primary gauge (kW, flow per hour, degC) is constant within each whole second of the
 * epoch, so integrating it over any partition of time into pieces inside whole seconds gives the
 * exact integral; the counters are exactly that integral plus an initial reading.
 */
final class SimulatedMeter {

    /** A load driven by a pattern, by another meter's activity, or by a compressor cycle. */
    record Term(ActivitySchedule schedule, SimulatedMeter follows, double idle, double full,
            double noise, LoadModels.Cycle cycle, LoadModels.PowerFactor powerFactor, long channel) {
    }

    /**
     * A flow meter's pipe, defaults resolved: mean pressure and swing in kPa(g), whether the
     * meter shows absolute pressure, temperature in degC (NaN: saturated steam), the inside
     * cross-section in m2 and the density in t per m3 of the gauge's volume (1 for steam, whose
     * gauge is already t/h).
     */
    record Pipe(double pressure, double swing, boolean absolute, double temperature, double areaM2,
            double density) {
    }

    final String id;
    final LoadModels.MeterKind kind;
    final EnergyCarrier carrier;
    final Term own;
    final List<SimulatedMeter> sumOf;
    final List<Term> extras;
    final double lossFraction;
    final LoadModels.Daily daily;
    final LoadModels.Drift drift;
    final double[] phaseShare;
    final double[] phaseVoltageOffset;
    final Pipe pipe;
    final long channel;
    private final Map<Quantity, Double> initial;

    // state of the current second
    long second = Long.MIN_VALUE;
    double gauge;
    double level;
    double reactive;
    boolean loaded;
    /** How far the current loaded or unloaded phase of a load/unload cycle has run, 0..1; NaN without a cycle. */
    double cycleProgress = Double.NaN;
    final double[] phasePower = new double[3];

    // counters: Kahan sums of the integral of the gauge and of the reactive power, in units·h
    private double primarySum;
    private double primaryCompensation;
    private double reactiveSum;
    private double reactiveCompensation;
    // for sums: the part no sub-meter sees (unmetered loads and losses), integrated the same way
    private double unmetered;
    private double unmeteredSum;
    private double unmeteredCompensation;

    SimulatedMeter(String id, LoadModels.MeterKind kind, EnergyCarrier carrier, Term own,
            List<SimulatedMeter> sumOf, List<Term> extras, double lossFraction, LoadModels.Daily daily,
            LoadModels.Drift drift, double[] phaseShare, double[] phaseVoltageOffset, Pipe pipe,
            long channel, Map<Quantity, Double> initial) {
        this.id = id;
        this.kind = kind;
        this.carrier = carrier;
        this.own = own;
        this.sumOf = sumOf;
        this.extras = extras;
        this.lossFraction = lossFraction;
        this.daily = daily;
        this.drift = drift;
        this.phaseShare = phaseShare;
        this.phaseVoltageOffset = phaseVoltageOffset;
        this.pipe = pipe;
        this.channel = channel;
        this.initial = new EnumMap<>(initial);
    }

    boolean isSum() {
        return sumOf != null;
    }

    /** Computes the state of {@code epochSecond}; meters it depends on are evaluated first. */
    void evaluate(long epochSecond, SeededNoise noise, double localHour) {
        second = epochSecond;
        if (isSum()) {
            evaluateSum(epochSecond, noise);
            return;
        }
        double[] out = termValue(own, epochSecond, noise);
        gauge = out[0];
        level = out[1];
        if (own.cycle() != null) {
            loaded = level >= 1.0;
            cycleProgress = out[2];
        } else if (own.follows() != null) {
            // e.g. the compressed air of a compressor: it is loaded when the compressor is
            loaded = own.follows().loaded;
            cycleProgress = own.follows().cycleProgress;
        }
        if (kind == LoadModels.MeterKind.TEMPERATURE) {
            if (daily != null) {
                gauge += daily.amplitude() * Math.cos(2 * Math.PI * (localHour - daily.peakHour()) / 24.0);
            }
            if (drift != null) {
                gauge += drift.amplitude() * noise.drift(channel, epochSecond, drift.hours() * 3600.0);
            }
            reactive = 0;
            return;
        }
        gauge = Math.max(0, gauge);
        if (kind == LoadModels.MeterKind.ELECTRICITY) {
            double pf = powerFactor(own.powerFactor(), level);
            reactive = gauge * Math.tan(Math.acos(pf));
            for (int i = 0; i < 3; i++) {
                phasePower[i] = gauge * phaseShare[i];
            }
        }
    }

    private void evaluateSum(long epochSecond, SeededNoise noise) {
        double p = 0;
        double q = 0;
        double[] phases = new double[3];
        for (SimulatedMeter sub : sumOf) {
            p += sub.gauge;
            q += sub.reactive;
            for (int i = 0; i < 3; i++) {
                phases[i] += sub.phasePower[i];
            }
        }
        double subTotal = p;
        double unmetered = lossFraction * subTotal;
        double unmeteredReactive = lossFraction * q;
        for (Term t : extras) {
            double[] out = termValue(t, epochSecond, noise);
            double v = Math.max(0, out[0]);
            unmetered += v;
            unmeteredReactive += v * Math.tan(Math.acos(powerFactor(t.powerFactor(), out[1])));
        }
        gauge = subTotal + unmetered;
        this.unmetered = unmetered;
        reactive = q + unmeteredReactive;
        level = Double.NaN;
        for (int i = 0; i < 3; i++) {
            phasePower[i] = phases[i] + unmetered / 3.0;
        }
    }

    /** {value, activity level, cycle progress (NaN without a cycle)} of a term at a second. */
    private static double[] termValue(Term t, long epochSecond, SeededNoise noise) {
        double activity;
        double progress = Double.NaN;
        if (t.follows() != null) {
            activity = t.follows().level;
        } else if (t.schedule() != null) {
            activity = t.schedule().level(epochSecond);
        } else {
            activity = 1.0;
        }
        if (t.cycle() != null) {
            // load/unload: loaded for the first duty fraction of every cycle, the cycle phase seeded
            LoadModels.Cycle c = t.cycle();
            double duty = c.dutyIdle() + (c.dutyFull() - c.dutyIdle()) * activity;
            double offset = noise.uniform(t.channel() + 7) * c.seconds();
            double position = ((epochSecond + offset) % c.seconds()) / c.seconds();
            activity = position < duty ? 1.0 : 0.0;
            progress = position < duty ? position / Math.max(duty, 1e-9)
                    : (position - duty) / Math.max(1 - duty, 1e-9);
        }
        double base = t.idle() + (t.full() - t.idle()) * activity;
        double value = base * (1 + t.noise() * noise.gaussian(t.channel(), epochSecond));
        return new double[] {value, activity, progress};
    }

    private static double powerFactor(LoadModels.PowerFactor pf, double level) {
        if (pf == null) {
            return 0.95;
        }
        double l = Double.isNaN(level) ? 1.0 : Math.max(0, Math.min(1, level));
        return Math.max(0.05, Math.min(1.0, pf.idle() + (pf.full() - pf.idle()) * l));
    }

    /** Adds the current second's gauge over {@code seconds} to the counters. */
    void integrate(double seconds) {
        double hours = seconds / 3600.0;
        double y = gauge * hours - primaryCompensation;
        double t = primarySum + y;
        primaryCompensation = (t - primarySum) - y;
        primarySum = t;
        double yq = reactive * hours - reactiveCompensation;
        double tq = reactiveSum + yq;
        reactiveCompensation = (tq - reactiveSum) - yq;
        reactiveSum = tq;
        double yu = unmetered * hours - unmeteredCompensation;
        double tu = unmeteredSum + yu;
        unmeteredCompensation = (tu - unmeteredSum) - yu;
        unmeteredSum = tu;
    }

    /** For a sum: the integral of what its sub-meters do not see, since the start; else 0. */
    double unmeteredIntegral() {
        return unmeteredSum;
    }

    /** Counter quantities this meter keeps. */
    boolean keeps(Quantity q) {
        return initial.containsKey(q);
    }

    double initialReading(Quantity q) {
        Double v = initial.get(q);
        if (v == null) {
            throw new IllegalArgumentException("meter " + id + " keeps no counter " + q + "; it keeps "
                    + initial.keySet());
        }
        return v;
    }

    /** The integral since the start of the simulation (0 for counters that do not move). */
    double integral(Quantity q) {
        initialReading(q);
        return switch (q) {
            // a steam meter's gauge is t/h; other flows are volumes, weighed with a constant density
            case MASS -> pipe != null ? primarySum * pipe.density() : primarySum;
            case ACTIVE_ENERGY_IMPORT, VOLUME, HEAT_ENERGY -> primarySum;
            case REACTIVE_ENERGY_IMPORT -> reactiveSum;
            default -> 0.0;
        };
    }

    /** Everything the meter would show now: gauges of the current second and counter readings. */
    Map<Quantity, Double> readings(SeededNoise noise, LoadModels.Grid grid, double epochSeconds) {
        Map<Quantity, Double> r = new EnumMap<>(Quantity.class);
        for (Quantity q : initial.keySet()) {
            r.put(q, initial.get(q) + integral(q));
        }
        r.put(Quantity.STATUS, 0.0);
        r.put(Quantity.ALARM_WORD, 0.0);
        switch (kind) {
            case TEMPERATURE -> r.put(Quantity.TEMPERATURE, gauge);
            case FLOW -> flowReadings(r, noise, epochSeconds);
            case ELECTRICITY -> electricalReadings(r, noise, grid, epochSeconds);
        }
        return r;
    }

    /**
     * Flow, pressure, temperature and velocity. Steam: the gauge is mass flow, the temperature is
     * the saturation temperature at the pressure, the volume flow is mass flow × specific volume.
     * Other fluids: the gauge is volume flow (compressed air: free air delivery), the mass flow
     * is volume flow × density, the velocity is volume flow / pipe area.
     */
    private void flowReadings(Map<Quantity, Double> r, SeededNoise noise, double epochSeconds) {
        double gaugePressure = pressure(noise);
        double absolutePressure = gaugePressure + SaturatedSteam.ATMOSPHERE_KPA;
        r.put(Quantity.PRESSURE, pipe.absolute() ? absolutePressure : gaugePressure);
        double volumeFlow;
        if (carrier == EnergyCarrier.STEAM) {
            volumeFlow = gauge * 1000.0 * SaturatedSteam.specificVolume(absolutePressure);
            r.put(Quantity.MASS_FLOW, gauge);
            r.put(Quantity.TEMPERATURE, SaturatedSteam.temperature(absolutePressure));
        } else {
            volumeFlow = gauge;
            r.put(Quantity.MASS_FLOW, gauge * pipe.density());
            r.put(Quantity.TEMPERATURE, pipe.temperature()
                    + 2.5 * noise.drift(channel + 5, epochSeconds, 3 * 3600.0)
                    + 0.05 * noise.gaussian(channel * 8 + 7, second));
        }
        r.put(Quantity.VOLUME_FLOW, volumeFlow);
        r.put(Quantity.FLOW_VELOCITY, volumeFlow / 3600.0 / pipe.areaM2());
    }

    /** kPa(g): a sawtooth through the load/unload band, or sagging with load, plus 0.2 % noise. */
    private double pressure(SeededNoise noise) {
        double p;
        if (!Double.isNaN(cycleProgress)) {
            double low = pipe.pressure() - pipe.swing() / 2;
            p = loaded ? low + pipe.swing() * cycleProgress : low + pipe.swing() * (1 - cycleProgress);
        } else {
            double l = Double.isNaN(level) ? 0.5 : Math.max(0, Math.min(1, level));
            p = pipe.pressure() + pipe.swing() * (0.5 - l);
        }
        return p * (1 + 0.002 * noise.gaussian(channel * 8 + 6, second));
    }

    private void electricalReadings(Map<Quantity, Double> r, SeededNoise noise, LoadModels.Grid grid,
            double epochSeconds) {
        long gridChannel = SeededNoise.channel("grid", 0);
        double common = 1 + 0.008 * noise.drift(gridChannel, epochSeconds, 4 * 3600.0);
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            v[i] = grid.voltage() * (common + phaseVoltageOffset[i]
                    + grid.voltageNoise() * noise.gaussian(channel * 8 + 3 + i, second));
        }
        double frequency = grid.frequency() * (1 + grid.frequencyNoise() * noise.gaussian(gridChannel, second))
                + 0.03 * noise.drift(gridChannel + 1, epochSeconds, 1200.0);
        double apparent = Math.hypot(gauge, reactive);
        double pf = apparent > 1e-9 ? gauge / apparent : powerFactor(own == null ? null : own.powerFactor(), 0);
        double[] current = new double[3];
        for (int i = 0; i < 3; i++) {
            current[i] = phasePower[i] * 1000.0 / (v[i] * pf);
        }
        r.put(Quantity.ACTIVE_POWER, gauge);
        r.put(Quantity.ACTIVE_POWER_L1, phasePower[0]);
        r.put(Quantity.ACTIVE_POWER_L2, phasePower[1]);
        r.put(Quantity.ACTIVE_POWER_L3, phasePower[2]);
        r.put(Quantity.REACTIVE_POWER, reactive);
        r.put(Quantity.APPARENT_POWER, apparent);
        r.put(Quantity.POWER_FACTOR, pf);
        r.put(Quantity.VOLTAGE_L1_N, v[0]);
        r.put(Quantity.VOLTAGE_L2_N, v[1]);
        r.put(Quantity.VOLTAGE_L3_N, v[2]);
        r.put(Quantity.VOLTAGE_L1_L2, lineToLine(v[0], v[1]));
        r.put(Quantity.VOLTAGE_L2_L3, lineToLine(v[1], v[2]));
        r.put(Quantity.VOLTAGE_L3_L1, lineToLine(v[2], v[0]));
        r.put(Quantity.CURRENT_L1, current[0]);
        r.put(Quantity.CURRENT_L2, current[1]);
        r.put(Quantity.CURRENT_L3, current[2]);
        // phasors 120 degrees apart with the same angle: |Ia + a·Ib + a²·Ic|
        double in = Math.sqrt(Math.max(0, current[0] * current[0] + current[1] * current[1]
                + current[2] * current[2] - current[0] * current[1] - current[1] * current[2]
                - current[2] * current[0]));
        r.put(Quantity.CURRENT_N, in);
        r.put(Quantity.FREQUENCY, frequency);
    }

    private static double lineToLine(double va, double vb) {
        return Math.sqrt(va * va + vb * vb + va * vb);
    }
}
