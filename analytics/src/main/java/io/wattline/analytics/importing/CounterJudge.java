package io.wattline.analytics.importing;

import io.wattline.analytics.allocation.DeclaredAccounting;
import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import java.util.List;
import java.util.Map;

/**
 * How the importer judges a counter's readings, as accounting does (ARCHITECTURE decision 14): the
 * point's settings (its plausibility limit) and its declared resets and replacements, so that a reading
 * right after a declared replacement is never taken for a glitch.
 */
public interface CounterJudge {

    /** The readings of {@code point} (sorted or not) that accounting leaves out. */
    List<CounterIssue> excluded(PointId point, List<CounterReading> readings);

    /** Default settings (no plausibility limit), no declared events: glitches and negative readings only. */
    static CounterJudge standard() {
        CounterUnwrapper unwrapper = new CounterUnwrapper(CounterSettings.wrappingAt(0));
        return (point, readings) -> unwrapper.excluded(readings, List.of());
    }

    /** As accounting judges the catalogue's counters: each point's plausibility limit, the plant's declared events. */
    static CounterJudge of(PointCatalogue catalogue) {
        return of(p -> catalogue.find(p).map(CataloguedPoint::maxRatePerHour).orElse(Double.POSITIVE_INFINITY),
                DeclaredAccounting.counterEvents(catalogue.plant()));
    }

    /**
     * Per point: its plausibility limit in counter units per hour ({@code maxRatePerHour}, infinite or
     * absent for none) and its declared events.
     */
    static CounterJudge of(java.util.function.ToDoubleFunction<PointId> maxRatePerHour,
            Map<PointId, List<CounterEvent>> events) {
        return (point, readings) -> {
            CounterSettings settings = CounterSettings.wrappingAt(0);
            double limit = maxRatePerHour.applyAsDouble(point);
            if (limit > 0 && Double.isFinite(limit)) {
                settings = settings.withMaxRatePerHour(limit);
            }
            return new CounterUnwrapper(settings).excluded(readings, events.getOrDefault(point, List.of()));
        };
    }
}
