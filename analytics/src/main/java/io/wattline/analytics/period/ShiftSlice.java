package io.wattline.analytics.period;

import io.wattline.core.plant.ShiftInstance;
import java.time.Instant;

/** A shift instance clipped to a report range: [start, end) lies inside the instance. */
public record ShiftSlice(ShiftInstance instance, Instant start, Instant end) {

    /** True when the whole shift instance lies inside the range. */
    public boolean complete() {
        return start.equals(instance.start().toInstant()) && end.equals(instance.end().toInstant());
    }
}
