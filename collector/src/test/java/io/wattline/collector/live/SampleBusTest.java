package io.wattline.collector.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

class SampleBusTest {

    private static final PointId P = new PointId("m1", "active_power");
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void publishCachesTheLatestAndStreamsToSubscribers() {
        try (SampleBus bus = new SampleBus()) {
            List<Sample> seen = new CopyOnWriteArrayList<>();
            Disposable d = bus.stream().subscribe(seen::add);
            bus.publish(Sample.good(P, T0, 1.0));
            bus.publish(Sample.good(P, T0.plusSeconds(1), 2.0));
            assertEquals(2, seen.size());
            assertEquals(2.0, bus.latest().get(P).value());
            d.dispose();
        }
    }

    @Test
    void aSubscriberThatRequestsNothingNeitherBlocksPublishingNorStopsOthers() {
        try (SampleBus bus = new SampleBus()) {
            BaseSubscriber<Sample> stalled = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                    // never requests: the slowest possible browser
                }
            };
            bus.stream().subscribe(stalled);
            List<Sample> seen = new CopyOnWriteArrayList<>();
            Disposable d = bus.stream().subscribe(seen::add);
            for (int i = 0; i < 10_000; i++) {
                bus.publish(Sample.good(P, T0.plusMillis(i), i));
            }
            assertEquals(10_000, seen.size());
            assertEquals(9_999.0, bus.latest().get(P).value());
            stalled.dispose();
            d.dispose();
        }
    }

    @Test
    void aValueOlderThanThreePollPeriodsIsMarkedStaleOnce() {
        try (SampleBus bus = new SampleBus()) {
            CataloguedPoint info = new CataloguedPoint(P, "m1", "Meter 1", null, Quantity.ACTIVE_POWER, "kW",
                    EnergyCarrier.ELECTRICITY, 0, Duration.ofSeconds(1), PlantPlace.none(), "modbus", false);
            List<Sample> seen = new CopyOnWriteArrayList<>();
            Disposable d = bus.stream().subscribe(seen::add);
            bus.publish(Sample.good(P, T0, 5.0));

            new StaleValueMarker(bus, List.of(info), Clock.fixed(T0.plusSeconds(3), ZoneOffset.UTC)).run();
            assertEquals(Quality.GOOD, bus.latest().get(P).quality(), "exactly 3 periods old is not yet stale");

            StaleValueMarker later = new StaleValueMarker(bus, List.of(info),
                    Clock.fixed(T0.plusMillis(3001), ZoneOffset.UTC));
            later.run();
            Sample marked = bus.latest().get(P);
            assertEquals(Quality.UNCERTAIN, marked.quality());
            assertEquals("stale", marked.reason());
            assertEquals(5.0, marked.value());
            assertEquals(T0, marked.time(), "a stale mark keeps the reading time");
            later.run();
            assertEquals(2, seen.size(), "the good sample and one stale mark");
            d.dispose();
        }
    }

    @Test
    void aStaleMarkNeverOverwritesANewerSample() {
        try (SampleBus bus = new SampleBus()) {
            Sample old = Sample.good(P, T0, 5.0);
            bus.publish(old);
            bus.publish(Sample.good(P, T0.plusSeconds(10), 6.0));
            bus.markStale(old);
            assertEquals(Quality.GOOD, bus.latest().get(P).quality());
            assertEquals(6.0, bus.latest().get(P).value());
        }
    }

    @Test
    void staleRuleIsStrictlyOlderThanThreePeriods() {
        Sample s = Sample.good(P, T0, 1);
        assertFalse(StaleValueMarker.isStale(s, Duration.ofSeconds(2), T0.plusSeconds(6)));
        assertTrue(StaleValueMarker.isStale(s, Duration.ofSeconds(2), T0.plusSeconds(7)));
    }

    @Test
    void aBufferedSubscriberGetsEverySampleAcrossAPauseUpToItsCapacity() {
        try (SampleBus bus = new SampleBus()) {
            List<Sample> seen = new CopyOnWriteArrayList<>();
            BaseSubscriber<Sample> paused = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                    // starts paused, like a store busy with a commit
                }

                @Override
                protected void hookOnNext(Sample value) {
                    seen.add(value);
                }
            };
            bus.bufferedStream(10).subscribe(paused);
            for (int i = 0; i < 8; i++) {
                bus.publish(Sample.good(P, T0.plusSeconds(i), i));
            }
            paused.request(Long.MAX_VALUE);
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), seen.stream().map(Sample::value).toList());
            assertEquals(0, bus.droppedCount());
            paused.dispose();
        }
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsThem() {
        try (SampleBus bus = new SampleBus()) {
            List<Sample> seen = new CopyOnWriteArrayList<>();
            BaseSubscriber<Sample> paused = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                    // never asks until the end
                }

                @Override
                protected void hookOnNext(Sample value) {
                    seen.add(value);
                }
            };
            bus.bufferedStream(10).subscribe(paused);
            for (int i = 0; i < 100; i++) {
                bus.publish(Sample.good(P, T0.plusSeconds(i), i));
            }
            paused.request(Long.MAX_VALUE);
            assertEquals(90, bus.droppedCount());
            assertEquals(List.of(90.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0, 99.0),
                    seen.stream().map(Sample::value).toList());
            paused.dispose();
        }
    }

    @Test
    void aPlainJavaListenerHearsEverySampleSurvivesItsOwnFailureAndCanLeave() {
        try (SampleBus bus = new SampleBus()) {
            List<Sample> heard = new CopyOnWriteArrayList<>();
            io.wattline.core.live.SampleListener listener = s -> {
                heard.add(s);
                if (s.value() == 2.0) {
                    throw new IllegalStateException("a listener bug");
                }
            };
            bus.addListener(listener);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> bus.addListener(listener));
            Sample first = Sample.good(P, T0, 1.0);
            bus.publish(first);
            bus.publish(Sample.good(P, T0.plusSeconds(1), 2.0));
            bus.publish(Sample.good(P, T0.plusSeconds(2), 3.0));
            bus.markStale(bus.latest().get(P));
            assertEquals(List.of(1.0, 2.0, 3.0, 3.0), heard.stream().map(Sample::value).toList(),
                    "every sample and the stale mark, still subscribed after the listener threw");
            assertEquals(Quality.UNCERTAIN, heard.get(3).quality());
            bus.removeListener(listener);
            bus.publish(Sample.good(P, T0.plusSeconds(3), 4.0));
            assertEquals(4, heard.size(), "nothing after removal");
        }
    }
}
