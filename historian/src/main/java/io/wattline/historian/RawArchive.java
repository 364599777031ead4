package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.List;

/** Raw samples kept outside the local store (InfluxDB as system of record), for ranges older than local retention. */
public interface RawArchive {

    /** Samples of {@code point} with {@code from <= time < to}, ordered by time, the earliest {@code limit}. */
    List<Sample> range(PointId point, Instant from, Instant to, int limit);
}
