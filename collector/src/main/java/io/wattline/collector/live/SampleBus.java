package io.wattline.collector.live;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.live.SampleListener;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
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
    private final AtomicLong dropped = new AtomicLong();
    private final Map<SampleListener, Disposable> listeners = new ConcurrentHashMap<>();

    /**
     * Caches {@code sample} as the latest of its point and offers it to every subscriber. Safe to
     * call from several poller threads: emissions are serialized, so the stream shows each point's
     * samples in the order the cache took them. A subscriber without demand misses the sample;
     * the cache never does. Subscribers must not block (they run inside this call).
     */
    public synchronized void publish(Sample sample) {
        latest.put(sample.point(), sample);
        published.incrementAndGet();
        emit(sample);
    }

    /**
     * Marks the cached sample of {@code point} UNCERTAIN with reason {@code stale}, keeping its
     * value and reading time, and streams the marked sample. Does nothing if the cached sample was
     * replaced meanwhile or is not GOOD.
     */
    public synchronized void markStale(Sample cached) {
        if (cached.quality() != Quality.GOOD) {
            return;
        }
        Sample stale = new Sample(cached.point(), cached.time(), cached.value(), Quality.UNCERTAIN, "stale");
        if (latest.replace(cached.point(), cached, stale)) {
            emit(stale);
        }
    }

    private void emit(Sample sample) {
        Sinks.EmitResult r = sink.tryEmitNext(sample);
        // No subscriber, or one without demand, is normal on the live path; anything else is worth a trace.
        if (r.isFailure() && r != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER && r != Sinks.EmitResult.FAIL_OVERFLOW) {
            log.debug("sample {} not streamed: {}", sample.point(), r);
        }
    }

    /**
     * Live samples from now on, for viewers: a subscriber without demand at the moment of a
     * publish misses that sample rather than holding up the poller or other subscribers.
     */
    public Flux<Sample> stream() {
        return sink.asFlux();
    }

    /**
     * Live samples from now on through a buffer of {@code capacity} samples, for subscribers that
     * should see bursts whole (a browser's event stream): the buffer absorbs their pauses; when it is full the
     * oldest buffered sample is dropped and counted in {@link #droppedCount()}, so memory stays
     * bounded and the poller is never held up.
     */
    public Flux<Sample> bufferedStream(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, was " + capacity);
        }
        return sink.asFlux().onBackpressureBuffer(capacity, this::countDropped, BufferOverflowStrategy.DROP_OLDEST);
    }

    /**
     * Tells {@code listener} every sample (stale marks included) published from now on, on the
     * publishing thread: the JDK-only way in for plain-Java modules such as alarms, which know
     * neither the collector nor Reactor. It never misses a sample; it must return quickly and never
     * block. A listener that throws is logged and stays subscribed.
     *
     * @throws IllegalArgumentException if the listener was added already
     */
    public synchronized void addListener(SampleListener listener) {
        if (listeners.containsKey(listener)) {
            throw new IllegalArgumentException("sample listener " + listener + " is added already");
        }
        listeners.put(listener, sink.asFlux().subscribe(s -> deliver(listener, s)));
    }

    /** Stops telling {@code listener}; does nothing for a listener never added. */
    public synchronized void removeListener(SampleListener listener) {
        Disposable subscription = listeners.remove(listener);
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private static void deliver(SampleListener listener, Sample sample) {
        try {
            listener.onSample(sample);
        } catch (RuntimeException e) {
            // Reactor would cancel the subscription on a throw; one bad sample must not silence the listener.
            log.error("sample listener {} failed on {}", listener, sample.point(), e);
        }
    }

    private void countDropped(Sample sample) {
        if (dropped.incrementAndGet() % 10_000 == 1) {
            log.warn("a buffered subscriber is too slow: {} sample(s) dropped so far (latest {})",
                    dropped.get(), sample.point());
        }
    }

    /** Samples dropped from full {@link #bufferedStream(int)} buffers since start. */
    public long droppedCount() {
        return dropped.get();
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
    public synchronized void close() {
        sink.tryEmitComplete();
    }
}
