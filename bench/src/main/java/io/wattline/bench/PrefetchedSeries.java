package io.wattline.bench;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A prototype of the multi-point read the historian lacks, for {@code accounting-month} only: every
 * point's raw samples or 1-hour rollups over a window in ONE query on the closed store file (read
 * only), then served per point from memory through the {@link SeriesReader} port.
 */
final class PrefetchedSeries implements SeriesReader {

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
