package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The latest committed sample (greatest time) of every point that has any, keyed and ordered by point. */
    Map<PointId, Sample> latest();

    /** The latest committed sample of {@code point}, empty if it has none. */
    Optional<Sample> latest(PointId point);

    /** Every point with at least one committed sample, in {@link PointId} order. */
    List<PointId> points();
}
