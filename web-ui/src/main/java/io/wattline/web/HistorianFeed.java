package io.wattline.web;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.SampleWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Hands every live sample to the historian. {@code offer} never blocks, so the bus is never held
 * up; refused samples are counted by the writer and logged here at most once a minute.
 */
public final class HistorianFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistorianFeed.class);
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final SampleWriter writer;
    // Only touched from the subscription, which Reactor serialises: no locking needed.
    private final Map<PointId, Instant> lastStored = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private long lastRefusalLog = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
    private final Disposable subscription;

    public HistorianFeed(SampleBus bus, SampleWriter writer) {
        this.writer = writer;
        this.subscription = bus.stream().subscribe(this::store,
                e -> log.error("live stream to the historian failed; no more samples are stored", e));
    }

    private void store(Sample sample) {
        // A re-statement of a reading already stored (the stale mark keeps the reading's own time)
        // is not a new reading: storing it would put two rows on one timestamp.
        // (Equality, not "not after": a clock stepped back by NTP must not silence a point.)
        if (sample.time().equals(lastStored.get(sample.point()))) {
            return;
        }
        if (writer.offer(sample)) {
            lastStored.put(sample.point(), sample.time());
            return;
        }
        long total = refused.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastRefusalLog >= REFUSAL_LOG_INTERVAL_NANOS) {
            lastRefusalLog = now;
            log.warn("historian refused {} sample(s) so far (queue full or closing); latest: {}", total,
                    sample.point());
        }
    }

    /** Samples the historian refused since start. */
    public long refusedCount() {
        return refused.get();
    }

    /** Stops feeding; what was accepted is committed when the store closes. */
    @Override
    public void close() {
        subscription.dispose();
    }
}
