package io.wattline.historian.influx;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollup buckets folded from raw samples by the local store's rule (its {@code RollupUpdater}):
 * bucket starts floor towards the past; {@code samples} counts every sample, the statistics only
 * usable ones (not BAD, with a number); first and last are the earliest and latest usable readings
 * with their times, the later of equal times winning for last.
 */
final class Buckets {

    private Buckets() {
    }

    static Instant floor(Instant time, Resolution resolution) {
        long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
        long size = resolution.bucket().toNanos() / 1_000;
        long start = micros - Math.floorMod(micros, size);
        return Instant.EPOCH.plusSeconds(Math.floorDiv(start, 1_000_000L))
                .plusNanos(Math.floorMod(start, 1_000_000L) * 1_000L);
    }

    /** {@code samples} in time order folded into buckets of {@code resolution}, ordered by start. */
    static List<Bucket> fold(List<Sample> samples, Resolution resolution) {
        List<Bucket> out = new ArrayList<>();
        Acc acc = null;
        for (Sample s : samples) {
            Instant start = floor(s.time(), resolution);
            if (acc == null || !acc.start.equals(start)) {
                if (acc != null) {
                    out.add(acc.bucket(resolution));
                }
                acc = new Acc(start);
            }
            acc.add(s);
        }
        if (acc != null) {
            out.add(acc.bucket(resolution));
        }
        return out;
    }

    private static final class Acc {
        final Instant start;
        long samples;
        long count;
        double min = Double.NaN;
        double max = Double.NaN;
        double sum;
        double first = Double.NaN;
        Instant firstTime;
        double last = Double.NaN;
        Instant lastTime;

        Acc(Instant start) {
            this.start = start;
        }

        void add(Sample s) {
            samples++;
            if (s.quality() == Quality.BAD || Double.isNaN(s.value())) {
                return;
            }
            double v = s.value();
            if (count == 0) {
                min = v;
                max = v;
                first = v;
                firstTime = s.time();
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            count++;
            sum += v;
            last = v;
            lastTime = s.time();
        }

        Bucket bucket(Resolution resolution) {
            double mean = count == 0 ? Double.NaN : sum / count;
            return new Bucket(start, resolution, samples, count, min, max, mean, first, firstTime, last, lastTime);
        }
    }
}
