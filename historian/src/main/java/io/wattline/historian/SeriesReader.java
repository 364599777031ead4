package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Read side of the historian: the raw series of one point and the latest value of every point. */
public interface SeriesReader {

    /**
     * Committed samples of {@code point} with {@code from <= time < to} (half-open, so adjacent
     * ranges never return a sample twice), ordered by time (ties in commit order), at most
     * {@code limit} of them, the earliest first: page on by calling again with {@code from} just
     * after the last returned time.
     *
     * @throws IllegalArgumentException if {@code limit < 1} or {@code from} is after {@code to}
     */
    List<Sample> range(PointId point, Instant from, Instant to, int limit);

    /**
     * The series of {@code point} over {@code [from, to)} at the coarsest resolution that still
     * gives at least {@code points} buckets across the span: 1 h, 15 min or 1 min rollups, or raw
     * samples as one-sample {@link Resolution#RAW} buckets when the span is shorter than
     * {@code points} minutes. Buckets are ordered by start; empty buckets are absent.
     *
     * @throws IllegalArgumentException if {@code points < 1} or {@code from} is after {@code to}
     */
    List<Bucket> series(PointId point, Instant from, Instant to, int points);

    /**
     * The committed samples of each of {@code points} over {@code [from, to)}, each point's in
     * {@link #range(PointId, Instant, Instant, int)} order and complete (no limit), handed to
     * {@code each} one point at a time in no particular point order; points without samples are
     * skipped. The store answers in one query whose rows stream, so a month of many points need
     * not fit in memory at once. This default pages through the per-point read.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code to}
     */
    default void rangeEach(Collection<PointId> points, Instant from, Instant to,
            BiConsumer<PointId, List<Sample>> each) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + points.size() + " points: from " + from + " is after to " + to);
        }
        final int page = 100_000;
        for (PointId point : points) {
            List<Sample> all = new ArrayList<>();
            Instant cursor = from;
            while (true) {
                List<Sample> got = range(point, cursor, to, page);
                all.addAll(got);
                if (got.size() < page) {
                    break;
                }
                cursor = got.get(got.size() - 1).time().plusNanos(1000);
            }
            if (!all.isEmpty()) {
                each.accept(point, all);
            }
        }
    }

    /** {@link #rangeEach} collected into a map (points without samples are absent): for reads that fit in memory. */
    default Map<PointId, List<Sample>> range(Collection<PointId> points, Instant from, Instant to) {
        Map<PointId, List<Sample>> out = new LinkedHashMap<>();
        rangeEach(points, from, to, out::put);
        return out;
    }

    /**
     * The buckets of each of {@code points} at {@code resolution} (a rollup, or RAW for one-sample
     * buckets) whose start lies in {@code [floor(from), to)}, ordered by start, handed to
     * {@code each} one point at a time in no particular point order; points without buckets are
     * skipped. The store answers in one query per call. This default calls the per-point
     * {@link #series(PointId, Instant, Instant, int)} with as many points as {@code resolution}
     * has buckets across the span, so it returns nothing for a span shorter than one bucket.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code to}
     */
    default void seriesEach(Collection<PointId> points, Instant from, Instant to, Resolution resolution,
            BiConsumer<PointId, List<Bucket>> each) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("series of " + points.size() + " points: from " + from + " is after to " + to);
        }
        if (resolution == Resolution.RAW) {
            rangeEach(points, from, to, (p, samples) -> each.accept(p, samples.stream().map(Bucket::of).toList()));
            return;
        }
        long count = Duration.between(from, to).dividedBy(resolution.bucket());
        if (count < 1) {
            return;
        }
        for (PointId point : points) {
            List<Bucket> buckets = series(point, from, to, (int) Math.min(Integer.MAX_VALUE, count));
            if (!buckets.isEmpty()) {
                each.accept(point, buckets);
            }
        }
    }

    /** {@link #seriesEach} collected into a map (points without buckets are absent). */
    default Map<PointId, List<Bucket>> series(Collection<PointId> points, Instant from, Instant to,
            Resolution resolution) {
        Map<PointId, List<Bucket>> out = new LinkedHashMap<>();
        seriesEach(points, from, to, resolution, out::put);
        return out;
    }

    /** The latest committed sample (greatest time) of every point that has any, keyed and ordered by point. */
    Map<PointId, Sample> latest();

    /** The latest committed sample of {@code point}, empty if it has none. */
    Optional<Sample> latest(PointId point);

    /** Every point with at least one committed sample, in {@link PointId} order. */
    List<PointId> points();
}
