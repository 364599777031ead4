package io.wattline.alarms;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.alarm.LineStopSignal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which lines are stopped now, from their configured stop signals (for suppression by design). */
final class LineStops {

    private final Map<PointId, List<LineStopSignal>> byPoint = new HashMap<>();
    private final Set<String> stopped = new HashSet<>();

    LineStops(List<LineStopSignal> signals) {
        for (LineStopSignal s : signals) {
            byPoint.computeIfAbsent(PointId.parse(s.point()), p -> new java.util.ArrayList<>()).add(s);
        }
    }

    boolean stopped(String lineId) {
        return lineId != null && stopped.contains(lineId);
    }

    /** Takes a sample; returns the lines whose stopped state it changed (line id → stopped now). */
    Map<String, Boolean> onSample(Sample sample) {
        List<LineStopSignal> signals = byPoint.get(sample.point());
        if (signals == null || !sample.isGood()) {
            return Map.of();
        }
        Map<String, Boolean> changed = new HashMap<>();
        for (LineStopSignal s : signals) {
            boolean now = s.stopped(sample.value());
            boolean was = stopped.contains(s.line());
            if (now != was) {
                if (now) {
                    stopped.add(s.line());
                } else {
                    stopped.remove(s.line());
                }
                changed.put(s.line(), now);
            }
        }
        return changed;
    }
}
