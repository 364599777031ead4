package io.wattline.web.api;

import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import java.time.Instant;
import java.util.List;

/**
 * One point's series for a chart ({@code GET /api/points/{id}/series}): buckets of the resolution
 * the store answered from, earliest first, empty buckets absent. {@code resolution} is
 * {@code RAW} (one sample a bucket), {@code ONE_MINUTE}, {@code FIFTEEN_MINUTES} or {@code ONE_HOUR}.
 */
public record PointSeries(String id, String unit, Instant from, Instant to, Resolution resolution,
        List<Entry> buckets) {

    /** One bucket; the statistics are null when it held no usable value (only BAD samples). */
    public record Entry(Instant start, long samples, long count, Double min, Double max, Double mean) {

        static Entry of(Bucket b) {
            return new Entry(b.start(), b.samples(), b.count(), PointView.finiteOrNull(b.min()),
                    PointView.finiteOrNull(b.max()), PointView.finiteOrNull(b.mean()));
        }
    }

    public static PointSeries of(String id, String unit, SeriesQuery query, List<Bucket> buckets) {
        Resolution answered = buckets.isEmpty()
                ? (query.resolution() == null ? null : query.resolution())
                : buckets.get(0).resolution();
        return new PointSeries(id, unit, query.from(), query.to(), answered, buckets.stream().map(Entry::of).toList());
    }
}
