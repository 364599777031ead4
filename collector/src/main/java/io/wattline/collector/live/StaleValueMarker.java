package io.wattline.collector.live;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Marks a point's latest value UNCERTAIN ("stale") once it is older than three poll periods, so a
 * value that stopped updating (a stuck poller, a collector cut off from a slow bus) never looks
 * current in the UI. Run it periodically; each run is one pass over the configured points.
 */
public final class StaleValueMarker implements Runnable {

    /** A value older than this many poll periods is stale (ISSUE 3, quality rule). */
    public static final int STALE_AFTER_PERIODS = 3;

    private final SampleBus bus;
    private final List<CataloguedPoint> points;
    private final Clock clock;

    /** @param points the points to watch, each with the period it is read at (the catalogue's) */
    public StaleValueMarker(SampleBus bus, List<CataloguedPoint> points, Clock clock) {
        this.bus = bus;
        this.points = List.copyOf(points);
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        for (CataloguedPoint point : points) {
            Sample s = bus.latest().get(point.id());
            if (s != null && s.quality() == Quality.GOOD && isStale(s, point.period(), now)) {
                bus.markStale(s);
            }
        }
    }

    /** True when {@code sample} is older than {@link #STALE_AFTER_PERIODS} × {@code period} at {@code now}. */
    public static boolean isStale(Sample sample, Duration period, Instant now) {
        return sample.time().plus(period.multipliedBy(STALE_AFTER_PERIODS)).isBefore(now);
    }
}
