package io.wattline.core.plant;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A shift of the working day. A shift whose end is at or before its start crosses midnight
 * (22:00–06:00); it then belongs to the production day on which it starts.
 */
public record Shift(String id, String name, LocalTime start, LocalTime end) {

    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    public Duration length() {
        Duration d = Duration.between(start, end);
        return crossesMidnight() ? d.plusDays(1) : d;
    }
}
