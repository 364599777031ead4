package io.wattline.core.alarm;

import java.time.LocalTime;
import java.util.Objects;

/** A daily window of plant-local time, [start, end); one whose end is at or before its start crosses midnight. */
public record TimeWindow(LocalTime start, LocalTime end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean contains(LocalTime time) {
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
