package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.duckdb.DuckDbStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
