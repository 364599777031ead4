package io.wattline.collector.support;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.Disposable;

/** A live bus that also records every sample it streams, for tests that look at the whole sequence. */
public final class RecordedBus implements AutoCloseable {

    private final SampleBus bus = new SampleBus();
    private final List<Sample> seen = new CopyOnWriteArrayList<>();
    private final Disposable tap = bus.stream().subscribe(seen::add);

    public SampleBus bus() {
        return bus;
    }

    /** Every sample streamed so far, in order. */
    public List<Sample> seen() {
        return seen;
    }

    /** The latest sample of {@code point}, null before its first. */
    public Sample latest(PointId point) {
        return bus.latest().get(point);
    }

    /** Distinct GOOD values of {@code point} read after {@code since}. */
    public long distinctGood(PointId point, Instant since) {
        return seen.stream().filter(s -> s.point().equals(point) && s.isGood() && s.time().isAfter(since))
                .mapToDouble(Sample::value).distinct().count();
    }

    @Override
    public void close() {
        tap.dispose();
    }
}
