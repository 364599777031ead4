package io.wattline.core.alarm;

import java.util.List;
import java.util.Objects;

/**
 * How to tell that a production line is stopped, for suppression by design: while it is, the line's
 * own process alarms (limit, rate, stale) are out of service. Stopped when the point's value is one
 * of {@code stoppedValues}, or below {@code stoppedBelow}.
 */
public record LineStopSignal(String line, String point, List<Double> stoppedValues, Double stoppedBelow) {

    public LineStopSignal {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(point, "point");
        stoppedValues = stoppedValues == null ? List.of() : List.copyOf(stoppedValues);
    }

    public boolean stopped(double value) {
        return stoppedValues.contains(value) || (stoppedBelow != null && value < stoppedBelow);
    }
}
