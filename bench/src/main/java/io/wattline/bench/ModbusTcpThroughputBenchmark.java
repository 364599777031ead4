package io.wattline.bench;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.wattline.collector.ModbusCollector;
import io.wattline.collector.CollectorOptions;
import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.plan.ReadRequest;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;

/**
 * Collector throughput on Modbus TCP: 200 simulated meters (catalogue profiles) behind 20
 * loopback gateways of 10 unit ids each, every gateway polled with concurrency 2, every poll group
 * due every millisecond. The figure is the collector's points per second (GOOD samples on its
 * bus, decoded) divided by a raw j2mod loop issuing the same reads with the same parallelism (one
 * {@code ModbusTCPMaster} per gateway lane, each looping over the same meters' planned reads and
 * counting the points they carry), against the same simulator, in the same run: three rounds of
 * raw-then-collector, the round with the median ratio is reported.
 */
final class ModbusTcpThroughputBenchmark implements Benchmark {

    private static final int GATEWAYS = 20;
    private static final int UNITS_PER_GATEWAY = 10;
    private static final int CONCURRENCY = 2;

    @Override
    public String name() {
        return "modbus-tcp-throughput";
    }

    @Override
    public String description() {
        return "collector points/s from 200 Modbus TCP meters on loopback vs a raw j2mod loop with the same reads";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        double seconds = args.isEmpty() ? 15 : Double.parseDouble(args.get(0));
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = plant(catalog);
        try (PlantSimulator sim = PlantSimulator.start(plant, catalog, SimulatorOptions.ephemeral())) {
            Plant served = sim.plant();
            List<PollTask> tasks = ModbusRtuScanBenchmark.plan(served, catalog, CollectorOptions.defaults().strategy());
            out.printf("%d meters, %d gateways x concurrency %d, %d reads and %d points per full scan%n",
                    served.meters().size(), GATEWAYS, CONCURRENCY, ModbusRtuScanBenchmark.requestsOf(tasks),
                    tasks.stream().flatMap(t -> t.requests().stream()).mapToInt(r -> r.points().size()).sum());
            // Alternate in rounds, so a drift of the shared machine hurts both sides alike; each round's
            // ratio compares neighbours in time, and the median round is reported.
            int rounds = 3;
            double[] ratios = new double[rounds];
            double[] collectorRates = new double[rounds];
            double[] rawRates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                rawRates[i] = rawPointsPerSecond(served, tasks, seconds / rounds, out);
                collectorRates[i] = collectorPointsPerSecond(served, catalog, seconds / rounds, out);
                ratios[i] = collectorRates[i] / rawRates[i];
            }
            int median = medianIndex(ratios);
            out.printf("round ratios %s; median round: collector %.0f points/s, raw j2mod loop %.0f points/s%n",
                    java.util.Arrays.toString(java.util.Arrays.stream(ratios).map(r -> Math.round(r * 1000) / 1000.0)
                            .toArray()), collectorRates[median], rawRates[median]);
            out.printf("RESULT ratio=%.3f points_per_s=%.0f baseline_points_per_s=%.0f%n", ratios[median],
                    collectorRates[median], rawRates[median]);
        }
    }

    private static int medianIndex(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order[order.length / 2];
    }

    private static double collectorPointsPerSecond(Plant served, ProfileCatalog catalog, double seconds,
            PrintStream out) throws InterruptedException {
        AtomicLong good = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        Map<String, AtomicLong> badReasons = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean counting = new AtomicBoolean();
        try (SampleBus bus = new SampleBus();
                ModbusCollector collector = new ModbusCollector(BenchCatalogues.of(served, catalog),
                        catalog::require, bus, Clock.systemUTC())) {
            Disposable subscription = bus.stream()
                    .filter(s -> counting.get() && !s.point().point().startsWith(HealthPoints.PREFIX))
                    .subscribe(s -> {
                        if (s.isGood()) {
                            good.incrementAndGet();
                        } else if (s.quality() == io.wattline.core.Quality.BAD) {
                            // UNCERTAIN "stale" marks are expected here: 3 x a 1 ms period is shorter than a scan.
                            bad.incrementAndGet();
                            badReasons.computeIfAbsent(s.reason(), r -> new AtomicLong()).incrementAndGet();
                        }
                    });
            try {
                collector.start();
                Thread.sleep(1000);
                counting.set(true);
                long t0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                counting.set(false);
                double rate = good.get() / ((System.nanoTime() - t0) / 1e9);
                out.printf("  collector: %.0f GOOD points/s (%d BAD samples%s)%n", rate, bad.get(),
                        badReasons.isEmpty() ? "" : ": " + badReasons);
                return rate;
            } finally {
                subscription.dispose();
            }
        }
    }

    /** One thread per gateway lane, each a j2mod master looping over its meters' planned reads. */
    private static double rawPointsPerSecond(Plant served, List<PollTask> tasks, double seconds, PrintStream out)
            throws InterruptedException {
        AtomicLong points = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (Connection c : served.connections()) {
            List<Meter> meters = served.meters().stream().filter(m -> m.connectionId().equals(c.id())).toList();
            for (int lane = 0; lane < CONCURRENCY; lane++) {
                List<PollTask> laneTasks = new ArrayList<>();
                for (int i = lane; i < meters.size(); i += CONCURRENCY) {
                    String meterId = meters.get(i).id();
                    tasks.stream().filter(t -> t.meter().id().equals(meterId)).forEach(laneTasks::add);
                }
                Thread t = new Thread(() -> rawLoop(c, laneTasks, running, counting, points, failures),
                        "raw-" + c.id() + "-" + lane);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
        Thread.sleep(1000);
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        counting.set(false);
        double rate = points.get() / ((System.nanoTime() - t0) / 1e9);
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
        out.printf("  raw j2mod loop: %.0f points/s (%d failed reads)%n", rate, failures.get());
        return rate;
    }

    private static void rawLoop(Connection c, List<PollTask> tasks, AtomicBoolean running, AtomicBoolean counting,
            AtomicLong points, AtomicLong failures) {
        ModbusTCPMaster master = new ModbusTCPMaster(c.host(), c.port(), (int) c.timeout().toMillis(), false);
        try {
            master.setRetries(1);
            master.connect();
            while (running.get()) {
                for (PollTask task : tasks) {
                    int unit = task.meter().unitId();
                    for (ReadRequest r : task.requests()) {
                        try {
                            switch (r.function()) {
                                case HOLDING -> master.readMultipleRegisters(unit, r.start(), r.count());
                                case INPUT -> master.readInputRegisters(unit, r.start(), r.count());
                                case COIL -> master.readCoils(unit, r.start(), r.count());
                                case DISCRETE -> master.readInputDiscretes(unit, r.start(), r.count());
                            }
                            if (counting.get()) {
                                points.addAndGet(r.points().size());
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw loop on " + c.id() + " could not connect", e);
        } finally {
            master.disconnect();
        }
    }

    /** 20 Modbus TCP gateways with 10 catalogue meters each, every group due every millisecond. */
    private static Plant plant(ProfileCatalog catalog) {
        List<Connection> connections = new ArrayList<>();
        List<Meter> meters = new ArrayList<>();
        int n = 0;
        for (int g = 1; g <= GATEWAYS; g++) {
            String gw = "gw" + g;
            connections.add(new Connection(gw, ConnectionType.MODBUS_TCP, "127.0.0.1", 1502, null, 0, null, 0,
                    Duration.ofSeconds(2), CONCURRENCY));
            for (int unit = 1; unit <= UNITS_PER_GATEWAY; unit++) {
                DeviceProfile profile = catalog.require(ModbusRtuScanBenchmark.PROFILES.get(n++ % 8));
                Map<String, Duration> poll = new LinkedHashMap<>();
                for (PointDefinition p : profile.points()) {
                    poll.put(p.pollGroup(), Duration.ofMillis(1));
                }
                meters.add(new Meter(gw + "-u" + unit, gw + " unit " + unit, profile.id(), gw, unit,
                        EnergyCarrier.ELECTRICITY, "area", null, null, null, null, poll));
            }
        }
        return new Plant("tcp bench plant", ZoneId.of("Asia/Shanghai"), List.of(), List.of(), List.of(), List.of(),
                List.of(), connections, meters, null, null);
    }
}
