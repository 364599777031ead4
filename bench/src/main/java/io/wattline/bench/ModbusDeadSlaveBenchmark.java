package io.wattline.bench;

import io.wattline.collector.ModbusCollector;
import io.wattline.collector.CollectorOptions;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.BusStatistics;
import io.wattline.simulator.BusTiming;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.Rs485BusEmulator;
import io.wattline.simulator.RtuBusPlants;
import io.wattline.simulator.SimulatorOptions;
import io.wattline.simulator.SlaveBehaviour;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;

/**
 * What an unplugged meter costs its neighbours, at bus saturation. Eight catalogue meters on a
 * 9600-baud emulated RS-485 bus, every point due every millisecond, so the bus is never idle: the
 * healthy meters' realised scan period is what the wire allows (about 1.65 s for the full scan).
 * Timeout 1 s and 1 retry, as on site. The figure ({@code ratio}) is the seven healthy meters'
 * realised period (mean interval between successive GOOD samples of each of their points in the
 * window) with unit 8 dead divided by the same with all eight alive, measured in the same run. With
 * the collector's backoff (1 s doubling to 60 s) the window after a 20 s warm-up sees about two
 * probes of the dead meter, one timeout each; {@code naive_ratio} repeats the dead run with the
 * backoff cut to 1 ms, as a master without backoff polls: every cycle then waits out a timeout per
 * poll group of the dead meter, so it shows what the backoff buys (and can fail the goal).
 */
final class ModbusDeadSlaveBenchmark implements Benchmark {

    private static final int BAUD = 9600;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "modbus-dead-slave";
    }

    @Override
    public String description() {
        return "healthy meters' scan period with 1 of 8 dead vs none dead, 9600-baud emulated RS-485 bus at saturation";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        double warmupS = args.isEmpty() ? 20 : Double.parseDouble(args.get(0));
        double windowS = args.size() < 2 ? 60 : Double.parseDouble(args.get(1));
        // Due every millisecond: the bus is the limit, as when a site polls "as fast as it can".
        Duration period = Duration.ofMillis(args.size() < 3 ? 1 : Long.parseLong(args.get(2)));
        if (!Rs485BusEmulator.socatAvailable()) {
            throw new IllegalStateException("socat is missing: apt-get install -y socat");
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = RtuBusPlants.eightMeters(catalog, BAUD, TIMEOUT, period);
        CollectorOptions options = CollectorOptions.defaults();
        long bound = ModbusRtuScanBenchmark.wireBoundNanos(ModbusRtuScanBenchmark.plan(plant, catalog,
                options.strategy()), BusTiming.modbus(BAUD), Rs485BusEmulator.DEFAULT_TURNAROUND);
        long healthyPoints = plant.meters().stream().filter(m -> m.unitId() != 8)
                .mapToLong(m -> catalog.require(m.profile()).points().size()).sum();
        out.printf("period %d ms (bus saturated), timeout %d ms, %d retry, full scan wire bound %.1f ms, %d points on"
                + " the 7 healthy meters%n", period.toMillis(), TIMEOUT.toMillis(), options.retries(), bound / 1e6,
                healthyPoints);

        double alive = healthyScanNanos(plant, catalog, options, false, healthyPoints, warmupS, windowS, out);
        double withDead = healthyScanNanos(plant, catalog, options, true, healthyPoints, warmupS, windowS, out);
        // The naive master: the same dead meter without backoff (1 ms), asked again every cycle.
        CollectorOptions naive = options.withBackoff(Duration.ofMillis(1), Duration.ofMillis(1));
        double withDeadNaive = healthyScanNanos(plant, catalog, naive, true, healthyPoints, warmupS, windowS, out);
        out.printf("healthy meters' realised scan period: %.1f ms with all alive, %.1f ms with unit 8 dead,"
                + " %.1f ms with unit 8 dead and no backoff%n", alive / 1e6, withDead / 1e6, withDeadNaive / 1e6);
        out.printf("RESULT ratio=%.3f naive_ratio=%.3f period_ms_dead=%.1f period_ms_alive=%.1f period_ms_naive=%.1f"
                + " window_s=%.0f%n", withDead / alive, withDeadNaive / alive, withDead / 1e6, alive / 1e6,
                withDeadNaive / 1e6, windowS);
    }

    /** The mean interval between successive GOOD samples of the points of units 1..7 in the window. */
    private static double healthyScanNanos(Plant plant, ProfileCatalog catalog, CollectorOptions options,
            boolean dead, long healthyPoints, double warmupS, double windowS, PrintStream out)
            throws InterruptedException {
        try (PlantSimulator sim = PlantSimulator.start(plant, catalog, SimulatorOptions.ephemeral());
                SampleBus bus = new SampleBus();
                ModbusCollector collector = new ModbusCollector(BenchCatalogues.of(sim.plant(), catalog),
                        catalog::require, bus, Clock.systemUTC(), options)) {
            Rs485BusEmulator emulator = sim.bus("bus1").orElseThrow();
            emulator.setBehaviour(8, dead ? SlaveBehaviour.dead() : SlaveBehaviour.normal());
            AtomicLong good = new AtomicLong();
            AtomicLong counting = new AtomicLong();
            // Per healthy point: first and last GOOD sample time in the window and how many arrived.
            java.util.Map<io.wattline.core.PointId, long[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicLong maxGapNanos = new AtomicLong();
            Disposable subscription = bus.stream()
                    .filter(s -> counting.get() == 1 && s.isGood() && !s.point().device().equals("m8")
                            && !s.point().point().startsWith(HealthPoints.PREFIX))
                    .subscribe(s -> {
                        good.incrementAndGet();
                        long t = s.time().getEpochSecond() * 1_000_000_000L + s.time().getNano();
                        long[] v = seen.computeIfAbsent(s.point(), k -> new long[] {t, t, 0});
                        maxGapNanos.accumulateAndGet(v[2] == 0 ? 0 : t - v[1], Math::max);
                        v[1] = t;
                        v[2]++;
                    });
            try {
                collector.start();
                Thread.sleep((long) (warmupS * 1000));
                emulator.resetStatistics();
                counting.set(1);
                long t0 = System.nanoTime();
                Thread.sleep((long) (windowS * 1000));
                counting.set(0);
                long elapsed = System.nanoTime() - t0;
                BusStatistics stats = emulator.statistics();
                // Mean interval between successive samples of a point, averaged over the healthy points:
                // (last - first) / (n - 1) has no window-boundary error, unlike counting samples.
                double periodNanos = seen.values().stream().filter(v -> v[2] >= 2)
                        .mapToDouble(v -> (double) (v[1] - v[0]) / (v[2] - 1)).average().orElse(Double.NaN);
                out.printf("  %s: %d requests, %d answers, %d unanswered, %d GOOD samples of %d healthy points in %.1f s,"
                                + " longest gap between two samples of one point %.0f ms; m8 %s%n",
                        dead ? "unit 8 dead" : "all alive", stats.requestFrames(), stats.responseFrames(),
                        stats.unanswered(), good.get(), seen.size(), elapsed / 1e9, maxGapNanos.get() / 1e6,
                        collector.health("m8").orElseThrow().state());
                if (seen.size() != healthyPoints) {
                    out.printf("  warning: only %d of %d healthy points sampled%n", seen.size(), healthyPoints);
                }
                return periodNanos;
            } finally {
                subscription.dispose();
            }
        }
    }
}
