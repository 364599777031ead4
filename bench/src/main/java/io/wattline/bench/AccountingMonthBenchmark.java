package io.wattline.bench;

import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.analytics.service.ReadPath;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-shift cost report per line for a month of 1,000 energy counters: the same
 * {@link AccountingService} report read from the historian's rollups (the coarsest resolution every
 * shift and tariff boundary falls on) vs from every raw reading, each path one multi-point read,
 * identical figures; median of 3 alternating rounds after a warm-up, each timed round after a GC. The store (raw readings at the collector's slow
 * poll period, rolled up by the historian) is generated once by {@link AccountingMonthStore} and
 * cached under {@code bench/target/}.
 */
final class AccountingMonthBenchmark implements Benchmark {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONTH = LocalDate.of(2026, 3, 1);
    private static final int LINES = 20;
    private static final int ROUNDS = 3;
    // the rollup report is short, so it gets a few more runs than the raw one before timing (JIT)
    private static final int WARM_UP_ROLLUP_REPORTS = 3;

    @Override
    public String name() {
        return "accounting-month";
    }

    @Override
    public String description() {
        return "per-shift cost report per line, a month of N energy counters read every P s (rolled up by the historian):"
                + " rollup vs raw path; args: [meters=1000] [poll_s=60]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int meters = args.isEmpty() ? 1000 : Integer.parseInt(args.get(0));
        int pollSeconds = args.size() < 2 ? 60 : Integer.parseInt(args.get(1));
        Instant from = MONTH.atStartOfDay(ZONE).toInstant();
        Instant to = MONTH.plusMonths(1).atStartOfDay(ZONE).toInstant();
        Plant plant = plant(meters);
        List<MeteredPoint> points = new ArrayList<>();
        for (Meter m : plant.meters()) {
            points.add(new MeteredPoint(m.id(), AccountingMonthStore.counterOf(m.id()), Quantity.ACTIVE_ENERGY_IMPORT, 1e8));
        }
        AccountingMonthStore store = AccountingMonthStore.prepare(cacheRoot(), meters, pollSeconds, from, to, out);
        try (Historian historian = Historian.open(store.directory(), HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty())) {
            AccountingService service = new AccountingService(plant, points, List.of(), historian.reader(),
                    TariffFileLoader.bundled("guangdong-2021"), EnergyFactors.gbt2589Defaults(), Map.of());
            ConsumptionQuery rollup = new ConsumptionQuery("line", from, to, "shift", null, ReadPath.ROLLUP, false);
            ConsumptionQuery raw = new ConsumptionQuery("line", from, to, "shift", null, ReadPath.RAW, false);
            // warm-up (JIT, DuckDB caches), and a check that both paths give the same figures
            ConsumptionReport a = service.report(rollup);
            ConsumptionReport b = service.report(raw);
            for (int i = 0; i < WARM_UP_ROLLUP_REPORTS; i++) {
                service.report(rollup);
            }
            out.printf("rows=%d (lines x shift slices) rollup read_resolution=%s raw read_resolution=%s"
                    + " total_kwh=%.1f total_cost=%.2f%n", a.rows().size(), a.readResolution(), b.readResolution(),
                    a.totals().get(0).value(), a.totals().get(0).cost());
            out.printf("figures: max |row kWh diff| %.3e, max |row cost diff| %.3e CNY, flags equal: %s%n",
                    maxDiff(a, b, ConsumptionReport.Row::value), maxDiff(a, b, ConsumptionReport.Row::cost),
                    flagsEqual(a, b));
            List<Double> rollupMs = new ArrayList<>();
            List<Double> rawMs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rollupMs.add(time(service, rollup));
                rawMs.add(time(service, raw));
                out.printf("round %d: rollup %.0f ms, raw %.0f ms%n", round + 1, rollupMs.get(round), rawMs.get(round));
            }
            double r = median(rollupMs);
            double w = median(rawMs);
            // context: the multi-point read alone (no report) at 1 h and at 15 min, the resolution a
            // report with 15-minute demand or boundaries off the hour reads
            List<PointId> ids = points.stream().map(MeteredPoint::point).toList();
            for (Resolution resolution : List.of(Resolution.ONE_HOUR, Resolution.FIFTEEN_MINUTES)) {
                List<Double> readMs = new ArrayList<>();
                long[] buckets = new long[1];
                for (int round = 0; round < ROUNDS; round++) {
                    buckets[0] = 0;
                    System.gc();
                    long t = System.nanoTime();
                    historian.reader().seriesEach(ids, from.minus(resolution.bucket()), to.plus(resolution.bucket()),
                            resolution, (p, list) -> buckets[0] += list.size());
                    readMs.add((System.nanoTime() - t) / 1e6);
                }
                out.printf("read only, %s rollups of all meters in one query: %d buckets in %.0f ms (median of %d)%n",
                        resolution, buckets[0], median(readMs), ROUNDS);
            }
            out.printf("RESULT rollup_ms=%.0f raw_ms=%.0f ratio=%.1f meters=%d poll_s=%d raw_samples=%d"
                    + " rollup_resolution=%s goal_rollup_ms<=1000 goal_ratio>=20%n",
                    r, w, w / r, meters, pollSeconds, store.samples(), a.readResolution());
        }
    }

    /** bench/target (next to the jar or the classes directory), or -Dwattline.bench.cache. */
    private static Path cacheRoot() throws Exception {
        String configured = System.getProperty("wattline.bench.cache");
        if (configured != null) {
            return Path.of(configured);
        }
        Path code = Path.of(AccountingMonthBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return code.getParent().resolve("accounting-month");
    }

    private static double maxDiff(ConsumptionReport a, ConsumptionReport b,
            java.util.function.Function<ConsumptionReport.Row, Double> field) {
        if (a.rows().size() != b.rows().size()) {
            throw new IllegalStateException("rollup report has " + a.rows().size() + " rows, raw " + b.rows().size());
        }
        double max = 0;
        for (int i = 0; i < a.rows().size(); i++) {
            max = Math.max(max, Math.abs(field.apply(a.rows().get(i)) - field.apply(b.rows().get(i))));
        }
        return max;
    }

    private static boolean flagsEqual(ConsumptionReport a, ConsumptionReport b) {
        for (int i = 0; i < a.rows().size(); i++) {
            if (!java.util.Objects.equals(a.rows().get(i).flags(), b.rows().get(i).flags())) {
                return false;
            }
        }
        return true;
    }

    private static double time(AccountingService service, ConsumptionQuery q) {
        // the previous round's garbage (a raw round leaves ~45 M readings' worth) is collected
        // before the clock starts, not charged to whichever round happens to trigger the GC
        System.gc();
        long t = System.nanoTime();
        service.report(q);
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static Plant plant(int meters) {
        List<ProductionLine> lines = new ArrayList<>();
        for (int l = 0; l < LINES; l++) {
            lines.add(new ProductionLine("line" + l, "Line " + l + " 产线", "w"));
        }
        List<Meter> list = new ArrayList<>();
        for (int m = 0; m < meters; m++) {
            list.add(new Meter("m" + m, "Meter " + m, "x/y", "c", 1, EnergyCarrier.ELECTRICITY, "w",
                    "line" + (m % LINES), null, "cc", null, Map.of()));
        }
        ShiftCalendar shifts = new ShiftCalendar(List.of(new Shift("morning", "早班", LocalTime.of(6, 0), LocalTime.of(14, 0)),
                new Shift("afternoon", "中班", LocalTime.of(14, 0), LocalTime.of(22, 0)),
                new Shift("night", "夜班", LocalTime.of(22, 0), LocalTime.of(6, 0))), List.of("A", "B", "C", "D"),
                LocalDate.of(2026, 1, 5), List.of(List.of("A", "B", "C"), List.of("D", "A", "B"), List.of("C", "D", "A"),
                List.of("B", "C", "D")));
        return new Plant("bench", ZONE, List.of(new Site("s", "厂")), List.of(new Area("w", "车间", "s")), lines,
                List.of(), List.of(new CostCentre("cc", "生产部")), List.of(), list, shifts, null);
    }
}
