package io.wattline.web.api;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.List;

/**
 * A raw range of one point's stored samples ({@code /api/points/{id}/samples}), earliest first.
 *
 * @param truncated true when {@code limit} samples were returned and more may follow: ask again
 *                  with {@code from} just after the last sample's time
 */
public record SampleSeries(String id, String unit, Instant from, Instant to, int limit, boolean truncated,
        List<Entry> samples) {

    /** One stored sample; {@code value} is null when it was not a number (BAD). */
    public record Entry(Instant time, Double value, Quality quality, String reason) {

        static Entry of(Sample s) {
            return new Entry(s.time(), PointView.finiteOrNull(s.value()), s.quality(),
                    s.reason().isEmpty() ? null : s.reason());
        }
    }

    public static SampleSeries of(String id, String unit, Instant from, Instant to, int limit,
            List<Sample> samples) {
        return new SampleSeries(id, unit, from, to, limit, samples.size() >= limit,
                samples.stream().map(Entry::of).toList());
    }
}
