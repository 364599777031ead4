package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.duckdb.DuckDbStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads from the local store, and raw ranges from before the oldest raw sample still kept locally
 * from the archive (InfluxDB as system of record). Rollups, latest values and points are always
 * local: rollups are kept indefinitely.
 */
public final class TieredSeriesReader implements SeriesReader {

    private final DuckDbStore local;
    private final RawArchive archive;

    public TieredSeriesReader(DuckDbStore local, RawArchive archive) {
        this.local = local;
        this.archive = archive;
    }

    @Override
    public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + point + ": from " + from + " is after to " + to);
        }
        Optional<Instant> oldestLocal = local.oldestRaw(point);
        Instant boundary = oldestLocal.orElse(to);
        if (!from.isBefore(boundary)) {
            return local.range(point, from, to, limit);
        }
        Instant archiveTo = boundary.isBefore(to) ? boundary : to;
        List<Sample> samples = new ArrayList<>(archive.range(point, from, archiveTo, limit));
        if (samples.size() < limit && archiveTo.isBefore(to)) {
            samples.addAll(local.range(point, archiveTo, to, limit - samples.size()));
        }
        return samples;
    }

    @Override
    public List<Bucket> series(PointId point, Instant from, Instant to, int points) {
        if (DuckDbStore.resolutionFor(from, to, points) == Resolution.RAW) {
            return range(point, from, to, DuckDbStore.MAX_RAW_SERIES).stream().map(Bucket::of).toList();
        }
        return local.series(point, from, to, points);
    }

    /**
     * Points whose raw samples are all still local over the range are read from the local store in
     * one query; the others (a range reaching before their oldest local sample) point by point
     * through {@link #range(PointId, Instant, Instant, int)}, archive included.
     */
    @Override
    public void rangeEach(Collection<PointId> points, Instant from, Instant to, BiConsumer<PointId, List<Sample>> each) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + points.size() + " points: from " + from + " is after to " + to);
        }
        Map<PointId, Instant> oldest = local.oldestRaw(points);
        List<PointId> localOnly = new ArrayList<>();
        List<PointId> tiered = new ArrayList<>();
        for (PointId p : new LinkedHashSet<>(points)) {
            Instant boundary = oldest.getOrDefault(p, to);
            (from.isBefore(boundary) ? tiered : localOnly).add(p);
        }
        local.rangeEach(localOnly, from, to, each);
        SeriesReader.super.rangeEach(tiered, from, to, each);
    }

    /** Rollups are always local; RAW goes through {@link #rangeEach} (archive included). */
    @Override
    public void seriesEach(Collection<PointId> points, Instant from, Instant to, Resolution resolution,
            BiConsumer<PointId, List<Bucket>> each) {
        if (resolution == Resolution.RAW) {
            rangeEach(points, from, to, (p, samples) -> each.accept(p, samples.stream().map(Bucket::of).toList()));
            return;
        }
        local.seriesEach(points, from, to, resolution, each);
    }

    @Override
    public Map<PointId, Sample> latest() {
        return local.latest();
    }

    @Override
    public Optional<Sample> latest(PointId point) {
        return local.latest(point);
    }

    @Override
    public List<PointId> points() {
        return local.points();
    }
}
