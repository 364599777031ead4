package io.wattline.bench;

import io.wattline.collector.ModbusCollector;
import io.wattline.collector.CollectorOptions;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.plan.PlanStrategy;
import io.wattline.collector.plan.ReadRequest;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.BusStatistics;
import io.wattline.simulator.BusTiming;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.Rs485BusEmulator;
import io.wattline.simulator.RtuBusPlants;
import io.wattline.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scan time of eight catalogue meters on the simulator's timed RS-485 bus (real serial I/O
 * through socat ptys, bytes paced at the baud rate), at 9600 and 115200 baud, against the
 * wire-time lower bound of the minimal plan: the sum over its reads of request, t3.5, slave
 * turnaround, response and t3.5 ({@link BusTiming#exchangeNanos}). The collector polls as fast
 * as the bus allows (every poll group due every millisecond); the scan time is a measuring
 * window divided by the number of full plans the bus carried in it (median of five windows). The naive plan (one read per
 * point, strategy {@code none}) is measured the same way and divided by the same bound.
 */
final class ModbusRtuScanBenchmark implements Benchmark {

    /** Eight real models from the catalogue, as a panel of sub-meters mixes them. */
    static final List<String> PROFILES = RtuBusPlants.PROFILES;

    /** Strategies tried for the minimal plan; the one with the least wire time wins. */
    static final List<PlanStrategy> CANDIDATES = List.of(PlanStrategy.shrink(), PlanStrategy.maxInsert(4),
            PlanStrategy.maxInsert(10), PlanStrategy.maxInsert(20), PlanStrategy.maxInsert(40),
            PlanStrategy.maxInsert(125));

    @Override
    public String name() {
        return "modbus-rtu-scan";
    }

    @Override
    public String description() {
        return "scan time of 8 meters on the timed RS-485 emulator at 9600 and 115200 baud vs the wire-time bound";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        double seconds = args.isEmpty() ? 10 : Double.parseDouble(args.get(0));
        if (!Rs485BusEmulator.socatAvailable()) {
            throw new IllegalStateException("socat is missing: apt-get install -y socat");
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Map<String, String> result = new LinkedHashMap<>();
        for (int baud : new int[] {9600, 115200}) {
            Plant plant = RtuBusPlants.eightMeters(catalog, baud, Duration.ofMillis(baud < 19200 ? 500 : 200), Duration.ofMillis(1));
            BusTiming timing = BusTiming.modbus(baud);
            PlanStrategy best = null;
            long bestBound = Long.MAX_VALUE;
            for (PlanStrategy s : CANDIDATES) {
                long bound = wireBoundNanos(plan(plant, catalog, s), timing, Rs485BusEmulator.DEFAULT_TURNAROUND);
                if (bound < bestBound) {
                    bestBound = bound;
                    best = s;
                }
            }
            List<PollTask> minimal = plan(plant, catalog, best);
            List<PollTask> naive = plan(plant, catalog, PlanStrategy.none());
            long naiveBound = wireBoundNanos(naive, timing, Rs485BusEmulator.DEFAULT_TURNAROUND);
            double scan = measureScanNanos(plant, catalog, best, requestsOf(minimal), seconds, out);
            double naiveScan = measureScanNanos(plant, catalog, PlanStrategy.none(), requestsOf(naive), seconds, out);
            out.printf("%d baud: minimal plan %s = %d reads, wire bound %.1f ms, measured scan %.1f ms;"
                            + " naive plan %d reads, wire bound %.1f ms, measured scan %.1f ms%n",
                    baud, best, requestsOf(minimal), bestBound / 1e6, scan / 1e6, requestsOf(naive),
                    naiveBound / 1e6, naiveScan / 1e6);
            result.put("ratio_" + baud, String.format("%.3f", scan / bestBound));
            result.put("naive_ratio_" + baud, String.format("%.3f", naiveScan / bestBound));
            result.put("naive_own_ratio_" + baud, String.format("%.3f", naiveScan / naiveBound));
            result.put("scan_ms_" + baud, String.format("%.1f", scan / 1e6));
            result.put("bound_ms_" + baud, String.format("%.1f", bestBound / 1e6));
        }
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
    }

    /**
     * Runs the collector with {@code strategy} on a fresh emulated bus and returns the scan time:
     * a sub-window divided by how many full plans of {@code requestsPerScan} reads the bus carried
     * in it, the median of five sub-windows (the machine is shared: a burst of someone else's
     * build should not decide the figure).
     */
    static double measureScanNanos(Plant plant, ProfileCatalog catalog, PlanStrategy strategy, int requestsPerScan,
            double seconds, PrintStream out) throws InterruptedException {
        CollectorOptions options = CollectorOptions.defaults().withStrategy(strategy);
        try (PlantSimulator sim = PlantSimulator.start(plant, catalog, SimulatorOptions.ephemeral());
                SampleBus bus = new SampleBus();
                ModbusCollector collector = new ModbusCollector(BenchCatalogues.of(sim.plant(), catalog),
                        catalog::require, bus, Clock.systemUTC(), options)) {
            Rs485BusEmulator emulator = sim.bus("bus1").orElseThrow();
            collector.start();
            Thread.sleep(1500);
            double[] scans = new double[5];
            for (int i = 0; i < scans.length; i++) {
                emulator.resetStatistics();
                long t0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000 / scans.length));
                BusStatistics stats = emulator.statistics();
                long elapsed = System.nanoTime() - t0;
                if (stats.unanswered() > 0 || stats.exceptionResponses() > 0) {
                    out.printf("  warning: %d unanswered, %d exception responses with %s%n", stats.unanswered(),
                            stats.exceptionResponses(), strategy);
                }
                scans[i] = (double) elapsed * requestsPerScan / stats.responseFrames();
            }
            java.util.Arrays.sort(scans);
            out.printf("  %s: scan %.1f ms (median of %d windows, range %.1f..%.1f)%n", strategy,
                    scans[scans.length / 2] / 1e6, scans.length, scans[0] / 1e6, scans[scans.length - 1] / 1e6);
            return scans[scans.length / 2];
        }
    }

    /** The reads the collector plans for every poll group of every meter with {@code strategy}. */
    static List<PollTask> plan(Plant plant, ProfileCatalog catalog, PlanStrategy strategy) {
        try (ModbusCollector c = new ModbusCollector(BenchCatalogues.of(plant, catalog),
                        catalog::require, new SampleBus(), Clock.systemUTC(),
                CollectorOptions.defaults().withStrategy(strategy))) {
            List<PollTask> tasks = new ArrayList<>();
            c.tasks().values().forEach(tasks::addAll);
            return tasks;
        }
    }

    static int requestsOf(List<PollTask> tasks) {
        return tasks.stream().mapToInt(t -> t.requests().size()).sum();
    }

    /** Sum of exchange times of every read of the plan: no master can scan faster on this bus. */
    static long wireBoundNanos(List<PollTask> tasks, BusTiming timing, Duration turnaround) {
        long total = 0;
        for (PollTask t : tasks) {
            for (ReadRequest r : t.requests()) {
                int responseBytes = r.function().isBit() ? 5 + (r.count() + 7) / 8 : BusTiming.readResponseBytes(r.count());
                total += timing.exchangeNanos(BusTiming.READ_REQUEST_BYTES, responseBytes, turnaround);
            }
        }
        return total;
    }
}
