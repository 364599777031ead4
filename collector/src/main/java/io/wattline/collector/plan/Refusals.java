package io.wattline.collector.plan;

import io.wattline.profiles.RegisterRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one device was found to refuse although its profile declares it readable: points it refuses
 * even alone (with the reason), register spans it will not read across, and the longest read it
 * accepted where a longer one was refused. Immutable; {@link #plus} adds what a new healing found.
 *
 * @param learnedAt     when something was last learned; null when nothing was
 * @param refusedPoints point name → the reason its samples carry
 * @param unreadable    PDU ranges [start, end) the device refuses to read across
 * @param maxRegisters  longest accepted read where a longer one was refused; null when no limit was found
 */
public record Refusals(Instant learnedAt, Map<String, String> refusedPoints, List<RegisterRange> unreadable,
        Integer maxRegisters) {

    /** Nothing learned. */
    public static final Refusals NONE = new Refusals(null, Map.of(), List.of(), null);

    public Refusals {
        refusedPoints = Collections.unmodifiableMap(new LinkedHashMap<>(refusedPoints));
        unreadable = List.copyOf(unreadable);
    }

    public boolean isEmpty() {
        return refusedPoints.isEmpty() && unreadable.isEmpty() && maxRegisters == null;
    }

    /** These refusals and the new ones; a limit only ever gets lower. */
    public Refusals plus(Map<String, String> points, List<RegisterRange> spans, Integer max, Instant now) {
        Map<String, String> allPoints = new LinkedHashMap<>(refusedPoints);
        allPoints.putAll(points);
        List<RegisterRange> allSpans = new ArrayList<>(unreadable);
        spans.stream().filter(s -> !allSpans.contains(s)).forEach(allSpans::add);
        Integer limit = maxRegisters;
        if (max != null) {
            limit = maxRegisters == null ? max : Integer.valueOf(Math.min(max, maxRegisters));
        }
        return new Refusals(now, allPoints, allSpans, limit);
    }
}
