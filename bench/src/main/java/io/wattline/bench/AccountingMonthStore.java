package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;

/**
 * The historian store of {@code accounting-month}: raw energy-counter readings of N meters every
 * poll period over a month (plus an hour either side), generated in bulk and rolled up by the
 * historian's own {@code RollupUpdater}, cached under a directory named by its parameters.
 *
 * <p>Bulk path, so a month of 1,000 meters takes a minute instead of hours through the writer's
 * queue: the historian creates the schema, then one SQL {@code INSERT ... SELECT} per day writes
 * exactly the rows its writer would (seq in commit order with every meter of one poll cycle
 * together, point text, time in µs, value, 'GOOD', no reason), and {@link Historian#rollUpNow()}
 * computes rollups, points and latest values from them as it does for polled samples.
 */
record AccountingMonthStore(Path directory, long samples) {

    // Bump when the generated data or the schema it is written for changes: the cache key.
    private static final int GENERATION = 1;
    private static final String MARKER = "complete.properties";

    static PointId counterOf(String meterId) {
        return new PointId(meterId, "active_energy_import");
    }

    static AccountingMonthStore prepare(Path root, int meters, int pollSeconds, Instant from, Instant to,
            PrintStream out) throws IOException, SQLException {
        if (meters < 1 || pollSeconds < 1 || 60 % pollSeconds != 0 && pollSeconds % 60 != 0) {
            throw new IllegalArgumentException("meters must be >= 1 and poll_s divide a minute or be whole minutes;"
                    + " got meters=" + meters + " poll_s=" + pollSeconds);
        }
        Path directory = root.resolve("meters-%d_poll-%ds_%s_gen-%d".formatted(meters, pollSeconds, from, GENERATION)
                .replace(':', '-'));
        Path marker = directory.resolve(MARKER);
        if (Files.exists(marker)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(marker)) {
                p.load(r);
            }
            long samples = Long.parseLong(p.getProperty("samples"));
            out.printf("reused the generated store %s (%d raw samples, rolled up)%n", directory, samples);
            return new AccountingMonthStore(directory, samples);
        }
        if (Files.exists(directory)) {
            // an interrupted generation: start over
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(directory);
        HistorianOptions options = HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500));
        try (Historian schema = Historian.open(directory, options, Optional.empty())) {
            // opened once so the historian creates its own schema
        }
        long t0 = System.nanoTime();
        Instant start = from.minus(Duration.ofHours(1));
        Instant end = to.plus(Duration.ofHours(1));
        long polls = Duration.between(start, end).toSeconds() / pollSeconds;
        long pollsPerDay = 86_400 / pollSeconds;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(DuckDbStore.FILE_NAME));
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (long k0 = 0; k0 < polls; k0 += pollsPerDay) {
                insert.setLong(1, start.getEpochSecond() * 1_000_000L);
                insert.setLong(2, pollSeconds);
                insert.setLong(3, meters);
                insert.setLong(4, k0);
                insert.setLong(5, Math.min(polls, k0 + pollsPerDay));
                insert.executeUpdate();
            }
        }
        long samples = polls * meters;
        out.printf("generated %d raw samples (%d meters x %d polls every %d s, %s .. %s) in %.1f s%n", samples, meters,
                polls, pollSeconds, start, end, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        try (Historian historian = Historian.open(directory, options, Optional.empty())) {
            long watermark = historian.rollUpNow();
            if (watermark != samples) {
                throw new IllegalStateException("rolled up to seq " + watermark + ", expected " + samples + " in " + directory);
            }
        }
        out.printf("historian rolled them up (1 min, 15 min, 1 h) in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Properties p = new Properties();
        p.setProperty("samples", Long.toString(samples));
        p.setProperty("meters", Integer.toString(meters));
        p.setProperty("poll_s", Integer.toString(pollSeconds));
        try (Writer w = Files.newBufferedWriter(marker)) {
            p.store(w, "accounting-month store, generation " + GENERATION);
        }
        return new AccountingMonthStore(directory, samples);
    }

    // Poll k of meter m: seq k * meters + m + 1 (one poll cycle commits all meters, in meter order);
    // time start + k * poll. The counter (kWh) rises by a meter's own rate with a daily swing of
    // ±50 % and a per-reading jitter of up to 30 % of one poll's consumption (a closed form, so
    // each row is independent of the others; increments stay positive).
    private static final String INSERT = """
            INSERT INTO samples (seq, point, ts_us, value, quality, reason)
            SELECT k * $3 + m + 1,
                   'm' || m || '.active_energy_import',
                   $1 + k * $2 * 1000000,
                   base + rate * (x + 0.5 * 1440 / (2 * pi()) * (cos(phase) - cos(2 * pi() * x / 1440 + phase)))
                        + rate * $2 / 60.0 * 0.3 * ((hash(m, k) % 1000000) / 1e6),
                   'GOOD',
                   NULL
            FROM (SELECT k, m, k * $2 / 60.0 AS x,
                         ((hash(m, 'base') % 1000000) / 1e6) * 1e6 AS base,
                         0.05 + ((hash(m, 'rate') % 1000000) / 1e6) * 0.45 AS rate,
                         ((hash(m, 'phase') % 1000000) / 1e6) * 2 * pi() AS phase
                  FROM range($4, $5) t(k), range(0, $3) n(m))
            ORDER BY k, m""";
}
