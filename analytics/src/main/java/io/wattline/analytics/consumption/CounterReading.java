package io.wattline.analytics.consumption;

import java.time.Instant;
import java.util.Objects;

/** One reading of a cumulative register, in engineering units (kWh, m³, ...), as read. */
public record CounterReading(Instant time, double value) {

    public CounterReading {
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("counter reading at " + time + " is not finite: " + value);
        }
    }
}
