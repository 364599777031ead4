package io.wattline.historian;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.time.Instant;

/**
 * Statistics of one point over one bucket {@code [start, start + resolution)}. The statistics cover
 * samples with a usable value (GOOD and UNCERTAIN; {@code count} of them); {@code samples} counts
 * every sample, BAD included. With {@code count == 0} the values are NaN and the times null.
 * {@code first}/{@code last} with their times are the readings counter accounting interpolates
 * between. A {@link Resolution#RAW} bucket is one sample: start = its time, all values = its value.
 */
public record Bucket(Instant start, Resolution resolution, long samples, long count, double min, double max,
        double mean, double first, Instant firstTime, double last, Instant lastTime) {

    /** A {@link Resolution#RAW} bucket holding one sample. */
    public static Bucket of(Sample sample) {
        boolean usable = sample.quality() != Quality.BAD && !Double.isNaN(sample.value());
        double v = usable ? sample.value() : Double.NaN;
        Instant t = usable ? sample.time() : null;
        return new Bucket(sample.time(), Resolution.RAW, 1, usable ? 1 : 0, v, v, v, v, t, v, t);
    }
}
