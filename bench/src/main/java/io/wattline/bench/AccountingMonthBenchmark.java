package io.wattline.bench;

import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.analytics.service.ReadPath;
import io.wattline.analytics.tariff.TariffFileLoader;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.Site;
import io.wattline.historian.Bucket;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * The per-shift cost report per line for a month of 15-minute counter readings of 1,000 meters in a
 * temporary DuckDB historian: the same {@link AccountingService} report read from the rollups'
 * first/last readings vs from every raw sample, in the same run (median of alternating rounds).
 */
final class AccountingMonthBenchmark implements Benchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONTH = LocalDate.of(2026, 3, 1);
    private static final int LINES = 20;
    private static final int ROUNDS = 3;

    @Override
    public String name() {
        return "accounting-month";
    }

    @Override
    public String description() {
        return "per-shift cost report per line, a month of 15-min readings of N meters: rollup vs raw path;"
                + " args: [meters=1000]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int meters = args.isEmpty() ? 1000 : Integer.parseInt(args.get(0));
        Path work = Files.createTempDirectory("accounting-month");
        Instant from = MONTH.atStartOfDay(ZONE).toInstant();
        Instant to = MONTH.plusMonths(1).atStartOfDay(ZONE).toInstant();
        Plant plant = plant(meters);
        List<MeteredPoint> points = new ArrayList<>();
        try (Historian historian = Historian.open(work, HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty())) {
            long t0 = System.nanoTime();
            long samples = generate(historian, plant, points, from, to);
            historian.rollUpNow();
            out.printf("generated %d samples of %d meters (%s .. %s) in %.1f s%n", samples, meters, from, to,
                    (System.nanoTime() - t0) / 1e9);
            AccountingService service = new AccountingService(plant, points, List.of(), historian.reader(),
                    TariffFileLoader.bundled("guangdong-2021"), EnergyFactors.gbt2589Defaults(), Map.of());
            ConsumptionQuery rollup = new ConsumptionQuery("line", from, to, "shift", null, ReadPath.ROLLUP, false);
            ConsumptionQuery raw = new ConsumptionQuery("line", from, to, "shift", null, ReadPath.RAW, false);
            // warm-up (JIT, DuckDB caches), and a check that both paths give the same figures
            ConsumptionReport a = service.report(rollup);
            ConsumptionReport b = service.report(raw);
            double maxDiff = 0;
            for (int i = 0; i < a.rows().size(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a.rows().get(i).cost() - b.rows().get(i).cost()));
            }
            out.printf("rows=%d (lines x shifts) read_resolution=%s total_kwh=%.1f total_cost=%.2f max_row_cost_diff=%.2e%n",
                    a.rows().size(), a.readResolution(), a.totals().get(0).value(), a.totals().get(0).cost(), maxDiff);
            List<Double> rollupMs = new ArrayList<>();
            List<Double> rawMs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rollupMs.add(time(service, rollup));
                rawMs.add(time(service, raw));
                out.printf("round %d: rollup %.0f ms, raw %.0f ms%n", round + 1, rollupMs.get(round), rawMs.get(round));
            }
            double r = median(rollupMs);
            double w = median(rawMs);
            historian.close();
            // What a multi-point historian read would give: the same report, each path's data read
            // in ONE query for all meters (PrefetchedSeries), the read included in the time.
            Path file = work.resolve(io.wattline.historian.duckdb.DuckDbStore.FILE_NAME);
            Instant windowFrom = from.minus(Duration.ofDays(1));
            Instant windowTo = to.plus(Duration.ofDays(1));
            List<Double> batchRollupMs = new ArrayList<>();
            List<Double> batchRawMs = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                long t = System.nanoTime();
                PrefetchedSeries rollupData = PrefetchedSeries.rollups(file, windowFrom, windowTo);
                long read = System.nanoTime();
                report(plant, points, rollupData, rollup);
                long done = System.nanoTime();
                double rollupRound = (done - t) / 1e6;
                double rollupRead = (read - t) / 1e6;
                t = System.nanoTime();
                PrefetchedSeries rawData = PrefetchedSeries.raw(file, windowFrom, windowTo);
                read = System.nanoTime();
                ConsumptionReport c = report(plant, points, rawData, raw);
                done = System.nanoTime();
                double rawRound = (done - t) / 1e6;
                double rawRead = (read - t) / 1e6;
                if (round == 0) {
                    out.printf("batch check: raw-read total cost %.2f (per-point path %.2f)%n",
                            c.totals().get(0).cost(), a.totals().get(0).cost());
                    continue; // warm-up
                }
                batchRollupMs.add(rollupRound);
                batchRawMs.add(rawRound);
                out.printf("batch round %d: rollup %.0f ms (read %.0f, report %.0f), raw %.0f ms (read %.0f, report %.0f)%n",
                        round, rollupRound, rollupRead, rollupRound - rollupRead, rawRound, rawRead, rawRound - rawRead);
            }
            double br = median(batchRollupMs);
            double bw = median(batchRawMs);
            out.printf("RESULT rollup_ms=%.0f raw_ms=%.0f ratio=%.1f batch_rollup_ms=%.0f batch_raw_ms=%.0f "
                    + "batch_ratio=%.1f meters=%d samples=%d goal_rollup_ms<=1000 goal_ratio>=20%n",
                    r, w, w / r, br, bw, bw / br, meters, samples);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ConsumptionReport report(Plant plant, List<MeteredPoint> points, PrefetchedSeries reader,
            ConsumptionQuery q) {
        return new AccountingService(plant, points, List.of(), reader, TariffFileLoader.bundled("guangdong-2021"),
                EnergyFactors.gbt2589Defaults(), Map.of()).report(q);
    }

    private static double time(AccountingService service, ConsumptionQuery q) {
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

    /** Readings every 15 min from one interval before the month to one after, counters rising by a random load. */
    private static long generate(Historian historian, Plant plant, List<MeteredPoint> points, Instant from, Instant to) {
        Random random = new Random(42);
        Duration step = Duration.ofMinutes(15);
        List<PointId> ids = new ArrayList<>();
        double[] counter = new double[plant.meters().size()];
        for (int m = 0; m < plant.meters().size(); m++) {
            PointId id = new PointId(plant.meters().get(m).id(), "active_energy_import");
            ids.add(id);
            points.add(new MeteredPoint(plant.meters().get(m).id(), id, Quantity.ACTIVE_ENERGY_IMPORT, 1e8));
            counter[m] = random.nextDouble() * 1e6;
        }
        long n = 0;
        for (Instant t = from.minus(step); !t.isAfter(to.plus(step)); t = t.plus(step)) {
            for (int m = 0; m < counter.length; m++) {
                counter[m] += 5 + random.nextDouble() * 20;
                Sample s = Sample.good(ids.get(m), t, counter[m]);
                while (!historian.writer().offer(s)) {
                    historian.writer().flush();
                }
                n++;
            }
        }
        historian.writer().flush();
        return n;
    }

    /**
     * A prototype of the multi-point read the historian lacks, for {@code accounting-month} only: every
     * point's raw samples or 1-hour rollups over a window in ONE query on the closed store file (read
     * only), then served per point from memory through the {@link SeriesReader} port.
     */
    private static final class PrefetchedSeries implements SeriesReader {

        private final Map<PointId, List<Sample>> raw = new HashMap<>();
        private final Map<PointId, List<Bucket>> hourly = new HashMap<>();

        static PrefetchedSeries rollups(Path file, Instant from, Instant to) throws SQLException {
            PrefetchedSeries s = new PrefetchedSeries();
            try (Connection c = open(file); PreparedStatement q = c.prepareStatement("""
                    SELECT point, bucket_us, samples, count, min, max, sum, first_value, first_us, last_value, last_us
                    FROM rollups WHERE res_s = 3600 AND bucket_us >= ? AND bucket_us < ? ORDER BY point, bucket_us""")) {
                q.setLong(1, micros(from));
                q.setLong(2, micros(to));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        long count = r.getLong(4);
                        s.hourly.computeIfAbsent(PointId.parse(r.getString(1)), k -> new ArrayList<>()).add(new Bucket(
                                instant(r.getLong(2)), Resolution.ONE_HOUR, r.getLong(3), count, r.getDouble(5),
                                r.getDouble(6), r.getDouble(7) / count, r.getDouble(8), instant(r.getLong(9)),
                                r.getDouble(10), instant(r.getLong(11))));
                    }
                }
            }
            return s;
        }

        static PrefetchedSeries raw(Path file, Instant from, Instant to) throws SQLException {
            PrefetchedSeries s = new PrefetchedSeries();
            try (Connection c = open(file); PreparedStatement q = c.prepareStatement("""
                    SELECT point, ts_us, value, quality FROM samples WHERE ts_us >= ? AND ts_us < ?
                    ORDER BY point, ts_us, seq""")) {
                q.setLong(1, micros(from));
                q.setLong(2, micros(to));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        PointId p = PointId.parse(r.getString(1));
                        s.raw.computeIfAbsent(p, k -> new ArrayList<>()).add(new Sample(p, instant(r.getLong(2)),
                                r.getDouble(3), Quality.valueOf(r.getString(4)), ""));
                    }
                }
            }
            return s;
        }

        private static Connection open(Path file) throws SQLException {
            Properties p = new Properties();
            p.setProperty("duckdb.read_only", "true");
            return DriverManager.getConnection("jdbc:duckdb:" + file, p);
        }

        private static long micros(Instant t) {
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        }

        private static Instant instant(long micros) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        }

        @Override
        public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
            List<Sample> all = raw.getOrDefault(point, List.of());
            List<Sample> out = new ArrayList<>();
            for (int i = lowerBound(all, from); i < all.size() && all.get(i).time().isBefore(to) && out.size() < limit; i++) {
                out.add(all.get(i));
            }
            return out;
        }

        private static int lowerBound(List<Sample> samples, Instant t) {
            int lo = 0;
            int hi = samples.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (samples.get(mid).time().isBefore(t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        @Override
        public List<Bucket> series(PointId point, Instant from, Instant to, int points) {
            List<Bucket> out = new ArrayList<>();
            for (Bucket b : hourly.getOrDefault(point, List.of())) {
                if (!b.start().isBefore(from) && b.start().isBefore(to)) {
                    out.add(b);
                }
            }
            return out;
        }

        @Override
        public Map<PointId, Sample> latest() {
            return Map.of();
        }

        @Override
        public Optional<Sample> latest(PointId point) {
            return Optional.empty();
        }

        @Override
        public List<PointId> points() {
            return List.copyOf(raw.isEmpty() ? hourly.keySet() : raw.keySet());
        }
    }
}
