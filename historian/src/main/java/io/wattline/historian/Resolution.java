package io.wattline.historian;

import java.time.Duration;
import java.util.List;

/** Resolutions a series can be read at: raw samples, or rollup buckets of 1 min, 15 min or 1 h. */
public enum Resolution {
    RAW(Duration.ZERO),
    ONE_MINUTE(Duration.ofMinutes(1)),
    FIFTEEN_MINUTES(Duration.ofMinutes(15)),
    ONE_HOUR(Duration.ofHours(1));

    /** Rollup resolutions from the coarsest to the finest. */
    public static final List<Resolution> ROLLUPS_COARSEST_FIRST = List.of(ONE_HOUR, FIFTEEN_MINUTES, ONE_MINUTE);

    private final Duration bucket;

    Resolution(Duration bucket) {
        this.bucket = bucket;
    }

    /** Length of one bucket; zero for {@link #RAW}. */
    public Duration bucket() {
        return bucket;
    }
}
