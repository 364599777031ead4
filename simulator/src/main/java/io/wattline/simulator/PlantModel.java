package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.core.plant.Plant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated state of every meter of a plant over time. Gauges are piecewise constant over
 * whole epoch seconds; {@link #advanceTo} integrates them exactly (rectangles inside whole
 * seconds, steps never longer than 1 s), so every counter equals its initial reading plus the
 * exact integral of its gauge: {@link #truth} is what accounting must find.
 *
 * <p>Time only moves forward and only when told: a clock-driven slave calls
 * {@code advanceTo(clock.instant())} before each read, a test loops over a day without sleeping.
 * All methods are thread-safe.
 */
public final class PlantModel {

    private static final Logger LOG = LoggerFactory.getLogger(PlantModel.class);

    private final Plant plant;
    private final LoadModels loads;
    private final SeededNoise noise;
    private final Map<String, SimulatedMeter> meters;
    private final List<SimulatedMeter> evaluationOrder;
    private Instant time;
    private long evaluatedSecond = Long.MIN_VALUE;

    private PlantModel(Plant plant, LoadModels loads, Map<String, SimulatedMeter> meters,
            List<SimulatedMeter> order, Instant start) {
        this.plant = plant;
        this.loads = loads;
        this.noise = new SeededNoise(loads.seed());
        this.meters = meters;
        this.evaluationOrder = order;
        this.time = start;
    }

    /** A model of every meter of {@code plant}, starting at {@code start}. */
    public static PlantModel create(Plant plant, LoadModels loads, Instant start) {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(loads, "loads");
        Objects.requireNonNull(start, "start");
        PlantModelCompiler compiler = new PlantModelCompiler(plant, loads);
        Map<String, SimulatedMeter> meters = compiler.compile();
        PlantModel model = new PlantModel(plant, loads, meters, compiler.evaluationOrder(), start);
        LOG.debug("plant model of {} meters starts at {} (seed {})", meters.size(), start, loads.seed());
        return model;
    }

    public Plant plant() {
        return plant;
    }

    public LoadModels loads() {
        return loads;
    }

    /** Ids of the simulated meters, in the plant's order. */
    public List<String> meterIds() {
        return List.copyOf(meters.keySet());
    }

    /** The instant the model has been advanced to. */
    public synchronized Instant time() {
        return time;
    }

    /**
     * Integrates every meter from the model's time to {@code t} in steps that never cross a whole
     * second (so never longer than 1 s). An instant at or before the model's time does nothing.
     */
    public synchronized void advanceTo(Instant t) {
        Objects.requireNonNull(t, "t");
        while (time.isBefore(t)) {
            long second = time.getEpochSecond();
            Instant secondEnd = Instant.ofEpochSecond(second + 1);
            Instant end = secondEnd.isBefore(t) ? secondEnd : t;
            double seconds = Duration.between(time, end).toNanos() / 1e9;
            evaluate(second);
            for (SimulatedMeter m : evaluationOrder) {
                m.integrate(seconds);
            }
            time = end;
        }
    }

    /** Everything meter {@code meterId} shows at the model's time (counters unwrapped). */
    public synchronized Map<Quantity, Double> readings(String meterId) {
        SimulatedMeter m = meter(meterId);
        evaluate(time.getEpochSecond());
        double epochSeconds = time.getEpochSecond() + time.getNano() / 1e9;
        return m.readings(noise, loads.grid(), epochSeconds);
    }

    /** One value meter {@code meterId} shows now; NaN when the meter does not simulate it. */
    public synchronized double value(String meterId, Quantity quantity) {
        return readings(meterId).getOrDefault(quantity, Double.NaN);
    }

    /**
     * The exact, unrounded and unwrapped counter reading: initial reading plus the integral of
     * the gauge since the start. Accounting over [a, b) must find truth(b) − truth(a).
     */
    public synchronized double truth(String meterId, Quantity counterQuantity) {
        SimulatedMeter m = meter(meterId);
        return m.initialReading(counterQuantity) + m.integral(counterQuantity);
    }

    /**
     * For a meter modelled as a sum of sub-meters: the integral since the start of what none of
     * them sees (unmetered loads and losses), in the unit of its main counter; 0 for other meters.
     * The main's counter delta equals the sub-meters' deltas plus this.
     */
    public synchronized double unmeteredIntegral(String meterId) {
        return meter(meterId).unmeteredIntegral();
    }

    /** The counter's reading when the simulation started. */
    public synchronized double initialReading(String meterId, Quantity counterQuantity) {
        return meter(meterId).initialReading(counterQuantity);
    }

    /** Counter quantities meter {@code meterId} keeps. */
    public synchronized List<Quantity> counters(String meterId) {
        SimulatedMeter m = meter(meterId);
        List<Quantity> out = new ArrayList<>();
        for (Quantity q : Quantity.values()) {
            if (q.isCounter() && m.keeps(q)) {
                out.add(q);
            }
        }
        return out;
    }

    /** The primary gauge now: kW for electricity, per hour for flows, degC for temperatures. */
    public synchronized double gauge(String meterId) {
        SimulatedMeter m = meter(meterId);
        evaluate(time.getEpochSecond());
        return m.gauge;
    }

    private SimulatedMeter meter(String meterId) {
        SimulatedMeter m = meters.get(meterId);
        if (m == null) {
            throw new IllegalArgumentException("no simulated meter '" + meterId + "'; meters are " + meters.keySet());
        }
        return m;
    }

    private void evaluate(long second) {
        if (second == evaluatedSecond) {
            return;
        }
        Instant at = Instant.ofEpochSecond(second);
        ZoneOffset offset = plant.zone().getRules().getOffset(at);
        double localHour = Math.floorMod(second + offset.getTotalSeconds(), 86_400L) / 3600.0;
        for (SimulatedMeter m : evaluationOrder) {
            m.evaluate(second, noise, localHour);
        }
        evaluatedSecond = second;
    }
}
