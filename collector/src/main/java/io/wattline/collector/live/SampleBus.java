package io.wattline.collector.live;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live path: a latest-value cache and a multicast stream of samples. Publishing never blocks
 * the poller: a subscriber that cannot keep up misses samples (and can read {@link #latest()}).
 */
public final class SampleBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SampleBus.class);

    private final Sinks.Many<Sample> sink = Sinks.many().multicast().directBestEffort();
    private final Map<PointId, Sample> latest = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();

    /**
     * Caches {@code sample} as the latest of its point and offers it to every subscriber. Safe to
     * call from several poller threads; a failed emission (no subscriber, slow subscriber, a
     * concurrent emit) only drops the sample from the stream, never from the cache.
     */
    public void publish(Sample sample) {
        latest.put(sample.point(), sample);
        published.incrementAndGet();
        emit(sample);
    }

    /**
     * Marks the cached sample of {@code point} UNCERTAIN with reason {@code stale}, keeping its
     * value and reading time, and streams the marked sample. Does nothing if the cached sample was
     * replaced meanwhile or is not GOOD.
     */
    public void markStale(Sample cached) {
        if (cached.quality() != Quality.GOOD) {
            return;
        }
        Sample stale = new Sample(cached.point(), cached.time(), cached.value(), Quality.UNCERTAIN, "stale");
        if (latest.replace(cached.point(), cached, stale)) {
            emit(stale);
        }
    }

    private void emit(Sample sample) {
        // Several pollers may emit at once; the sink rejects concurrent emits, so retry briefly.
        for (int attempt = 0; attempt < 100; attempt++) {
            Sinks.EmitResult r = sink.tryEmitNext(sample);
            if (r != Sinks.EmitResult.FAIL_NON_SERIALIZED) {
                if (r == Sinks.EmitResult.FAIL_TERMINATED || r == Sinks.EmitResult.FAIL_CANCELLED) {
                    log.debug("sample {} not streamed: bus closed", sample.point());
                }
                return;
            }
            Thread.onSpinWait();
        }
        log.debug("sample {} not streamed: emit contention", sample.point());
    }

    /** Live samples from now on; a slow subscriber misses samples rather than holding up others. */
    public Flux<Sample> stream() {
        return sink.asFlux();
    }

    /** The latest sample of every point seen so far (a live, unmodifiable view). */
    public Map<PointId, Sample> latest() {
        return Collections.unmodifiableMap(latest);
    }

    /** Samples published since start (for health pages and tests). */
    public long publishedCount() {
        return published.get();
    }

    /** Completes the stream; the cache stays readable. */
    @Override
    public void close() {
        sink.tryEmitComplete();
    }
}
