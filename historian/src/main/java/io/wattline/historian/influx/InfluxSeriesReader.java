package io.wattline.historian.influx;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import io.wattline.historian.duckdb.DuckDbStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The history of one site read from InfluxDB (where its edge forwards, the site being a tag), as a
 * {@link SeriesReader}: so a central node's accounting, KPIs and reports run the same analytics code
 * as the edge's, over the same samples. Rollup buckets are folded here from the raw samples exactly
 * as the local store folds them ({@link Buckets}), so both answer with the same readings to
 * interpolate between. {@link #latest()} and {@link #points()} cover the points it was built with.
 */
public final class InfluxSeriesReader implements SeriesReader, AutoCloseable {

    private static final int PAGE = 100_000;

    private final InfluxQueries queries;
    private final List<PointId> known;

    /**
     * @param queries the site's queries ({@link InfluxOptions#site()} selects the site)
     * @param known   the points the site's plant has, for {@link #latest()} and {@link #points()}
     */
    public InfluxSeriesReader(InfluxQueries queries, Collection<PointId> known) {
        this.queries = queries;
        this.known = List.copyOf(new LinkedHashSet<>(known));
    }

    @Override
    public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + point + ": from " + from + " is after to " + to);
        }
        return queries.range(point, from, to, limit);
    }

    @Override
    public List<Bucket> series(PointId point, Instant from, Instant to, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, was " + points);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("series of " + point + ": from " + from + " is after to " + to);
        }
        Resolution resolution = DuckDbStore.resolutionFor(from, to, points);
        if (resolution == Resolution.RAW) {
            return range(point, from, to, DuckDbStore.MAX_RAW_SERIES).stream().map(Bucket::of).toList();
        }
        return buckets(point, from, to, resolution);
    }

    @Override
    public void seriesEach(Collection<PointId> points, Instant from, Instant to, Resolution resolution,
            BiConsumer<PointId, List<Bucket>> each) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("series of " + points.size() + " points: from " + from + " is after to " + to);
        }
        if (resolution == Resolution.RAW) {
            rangeEach(points, from, to, (p, samples) -> each.accept(p, samples.stream().map(Bucket::of).toList()));
            return;
        }
        for (PointId point : new LinkedHashSet<>(points)) {
            List<Bucket> buckets = buckets(point, from, to, resolution);
            if (!buckets.isEmpty()) {
                each.accept(point, buckets);
            }
        }
    }

    /**
     * The buckets whose start lies in {@code [floor(from), to)}, each over all its samples (also
     * those after {@code to}, as the local store's rollups hold them).
     */
    private List<Bucket> buckets(PointId point, Instant from, Instant to, Resolution resolution) {
        Instant start = Buckets.floor(from, resolution);
        Instant end = Buckets.floor(to, resolution);
        if (end.isBefore(to)) {
            end = end.plus(resolution.bucket());
        }
        List<Sample> samples = new ArrayList<>();
        Instant cursor = start;
        while (true) {
            List<Sample> page = queries.range(point, cursor, end, PAGE);
            samples.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            cursor = page.get(page.size() - 1).time().plusNanos(1000);
        }
        return Buckets.fold(samples, resolution);
    }

    @Override
    public Map<PointId, Sample> latest() {
        Map<PointId, Sample> out = new TreeMap<>();
        for (PointId p : known) {
            latest(p).ifPresent(s -> out.put(p, s));
        }
        return out;
    }

    @Override
    public Optional<Sample> latest(PointId point) {
        // the newest sample: InfluxDB keeps no later write for an older time, so the time decides
        List<Sample> last = queries.last(point);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    @Override
    public List<PointId> points() {
        return latest().keySet().stream().toList();
    }

    @Override
    public void close() {
        queries.close();
    }
}
