package io.wattline.analytics.service;

import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import java.time.Duration;
import java.time.Instant;
import io.wattline.core.PointId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one counter's readings over [from, to) through {@link SeriesReader}, plus the nearest
 * reading on either side (searched in widening windows up to {@code lookaround}), and unwraps them.
 * The rollup path takes each bucket's first and last reading: C at any boundary aligned to the
 * bucket then interpolates between the same two readings as the raw path does.
 */
public final class CounterSource {

    static final int RAW_PAGE = 100_000;
    private static final Duration[] WIDENING = {Duration.ofMinutes(15), Duration.ofHours(2), Duration.ofHours(12),
        Duration.ofDays(2), Duration.ofDays(8), Duration.ofDays(35)};

    private final SeriesReader reader;
    private final Duration gapThreshold;
    private final long gapThresholdNanos;
    private final Duration lookaround;

    public CounterSource(SeriesReader reader, Duration gapThreshold, Duration lookaround) {
        this.reader = reader;
        this.gapThreshold = gapThreshold;
        this.gapThresholdNanos = gapThreshold.toNanos();
        this.lookaround = lookaround;
    }

    /** The unwrapped counter of {@code point} around [from, to), at {@code resolution} (RAW = every sample). */
    public UnwrappedCounter read(MeteredPoint point, Instant from, Instant to, Resolution resolution,
            List<CounterEvent> events) {
        Window window = new Window(from, to, resolution);
        if (resolution == Resolution.RAW) {
            window.addSamples(rawRange(point, window.readFrom(), window.readTo()));
        } else {
            window.addBuckets(buckets(point, window.readFrom(), window.readTo(), resolution));
        }
        return complete(point, window, events);
    }

    /**
     * The unwrapped counters of all {@code points} around [from, to), at {@code resolution}: one
     * multi-point historian read for the range and its margin (every sample, or the buckets of
     * {@code resolution}), then, only for a counter without a reading in the margin on one side,
     * that counter's own widening search as in {@link #read}. Figures equal {@link #read}'s.
     *
     * @param events declared resets and replacements per counter point
     */
    public Map<PointId, UnwrappedCounter> readAll(Collection<MeteredPoint> points, Instant from, Instant to,
            Resolution resolution, Map<PointId, List<CounterEvent>> events) {
        Map<PointId, MeteredPoint> byPoint = new LinkedHashMap<>();
        points.forEach(p -> byPoint.putIfAbsent(p.point(), p));
        Map<PointId, UnwrappedCounter> out = new HashMap<>();
        Map<PointId, Window> searches = new LinkedHashMap<>();
        Instant readFrom = new Window(from, to, resolution).readFrom();
        Instant readTo = new Window(from, to, resolution).readTo();
        // Counters are unwrapped as their rows stream in, so only one counter's raw readings are held;
        // the few that need a search are finished after the multi-point read has closed.
        java.util.function.BiConsumer<PointId, Window> finish = (id, window) -> {
            if (window.complete()) {
                out.put(id, complete(byPoint.get(id), window, events.getOrDefault(id, List.of())));
            } else {
                searches.put(id, window);
            }
        };
        if (resolution == Resolution.RAW) {
            reader.rangeEach(byPoint.keySet(), readFrom, readTo, (id, samples) -> {
                Window window = new Window(from, to, resolution);
                window.addSamples(samples);
                finish.accept(id, window);
            });
        } else {
            reader.seriesEach(byPoint.keySet(), readFrom, readTo, resolution, (id, buckets) -> {
                Window window = new Window(from, to, resolution);
                window.addBuckets(buckets);
                finish.accept(id, window);
            });
        }
        for (PointId id : byPoint.keySet()) {
            if (!out.containsKey(id)) {
                Window window = searches.getOrDefault(id, new Window(from, to, resolution));
                out.put(id, complete(byPoint.get(id), window, events.getOrDefault(id, List.of())));
            }
        }
        return out;
    }

    /** The readings of one counter from the read of [from - margin, to + margin), before any search. */
    private final class Window {

        private final Instant from;
        private final Instant to;
        private final Resolution resolution;
        private final List<CounterReading> readings = new ArrayList<>();
        private final Set<Instant> continuous = new HashSet<>();
        private boolean before;
        private boolean after;

        Window(Instant from, Instant to, Resolution resolution) {
            this.from = from;
            this.to = to;
            this.resolution = resolution;
        }

        // one query for the range and a margin either side; wider searches only when the margin is empty
        Duration margin() {
            return resolution == Resolution.RAW ? WIDENING[0] : resolution.bucket();
        }

        Instant readFrom() {
            return from.minus(margin());
        }

        Instant readTo() {
            return to.plus(margin());
        }

        void addSamples(List<Sample> samples) {
            for (Sample s : samples) {
                if (usable(s)) {
                    readings.add(new CounterReading(s.time(), s.value()));
                    before |= s.time().isBefore(from);
                    after |= !s.time().isBefore(to);
                }
            }
        }

        void addBuckets(List<Bucket> buckets) {
            for (Bucket b : buckets) {
                if (b.count() > 0 && b.firstTime() != null) {
                    addBucket(b, readings, continuous);
                    before |= b.start().isBefore(from);
                    after |= !b.start().isBefore(to);
                }
            }
        }

        boolean complete() {
            return before && after;
        }
    }

    private UnwrappedCounter complete(MeteredPoint point, Window w, List<CounterEvent> events) {
        List<CounterReading> readings = w.readings;
        if (!w.before) {
            (w.resolution == Resolution.RAW ? previousRaw(point, w.readFrom())
                    : previousBucket(point, w.readFrom(), w.resolution)).ifPresent(r -> readings.add(0, r));
        }
        if (!w.after) {
            (w.resolution == Resolution.RAW ? nextRaw(point, w.readTo())
                    : nextBucket(point, w.readTo(), w.resolution)).ifPresent(readings::add);
        }
        Instant readFrom = readings.isEmpty() ? w.from : readings.get(0).time();
        Instant readTo = readings.isEmpty() ? w.to : readings.get(readings.size() - 1).time();
        List<CounterEvent> inside = events.stream()
                .filter(e -> !e.time().isBefore(readFrom) && !e.time().isAfter(readTo)).toList();
        CounterSettings settings = CounterSettings.wrappingAt(point.wrapSpan()).withGapThreshold(gapThreshold)
                .withMaxRatePerHour(point.maxRatePerHour());
        return new CounterUnwrapper(settings).unwrap(readings, inside, w.continuous::contains);
    }

    private List<Sample> rawRange(MeteredPoint point, Instant from, Instant to) {
        List<Sample> all = new ArrayList<>();
        Instant cursor = from;
        while (true) {
            List<Sample> page = reader.range(point.point(), cursor, to, RAW_PAGE);
            all.addAll(page);
            if (page.size() < RAW_PAGE) {
                return all;
            }
            cursor = page.get(page.size() - 1).time().plusNanos(1000);
        }
    }

    private void addBucket(Bucket b, List<CounterReading> readings, Set<Instant> continuous) {
        if (b.count() == 0 || b.firstTime() == null) {
            return;
        }
        readings.add(new CounterReading(b.firstTime(), b.first()));
        if (b.count() >= 2 && !b.lastTime().equals(b.firstTime())) {
            readings.add(new CounterReading(b.lastTime(), b.last()));
            // mean spacing within the bucket: a lower bound of its largest gap
            // (in nanoseconds: Duration.dividedBy goes through BigDecimal, most of a month report's time)
            long spacingNanos = Duration.between(b.firstTime(), b.lastTime()).toNanos() / (b.count() - 1);
            if (spacingNanos <= gapThresholdNanos) {
                continuous.add(b.firstTime());
            }
        }
    }

    private List<Bucket> buckets(MeteredPoint point, Instant from, Instant to, Resolution resolution) {
        long count = Duration.between(from, to).dividedBy(resolution.bucket());
        if (count < 1) {
            return List.of();
        }
        return reader.series(point.point(), from, to, (int) Math.min(Integer.MAX_VALUE, count));
    }

    private java.util.Optional<CounterReading> previousBucket(MeteredPoint point, Instant from, Resolution resolution) {
        for (Duration w : WIDENING) {
            Duration window = w.compareTo(resolution.bucket()) < 0 ? resolution.bucket() : w;
            window = Duration.ofNanos(window.toNanos() / resolution.bucket().toNanos() * resolution.bucket().toNanos());
            List<Bucket> bs = buckets(point, from.minus(window), from, resolution);
            for (int i = bs.size() - 1; i >= 0; i--) {
                if (bs.get(i).count() > 0 && bs.get(i).lastTime() != null) {
                    return java.util.Optional.of(new CounterReading(bs.get(i).lastTime(), bs.get(i).last()));
                }
            }
            if (window.compareTo(lookaround) >= 0) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<CounterReading> nextBucket(MeteredPoint point, Instant to, Resolution resolution) {
        for (Duration w : WIDENING) {
            Duration window = w.compareTo(resolution.bucket()) < 0 ? resolution.bucket() : w;
            window = Duration.ofNanos(window.toNanos() / resolution.bucket().toNanos() * resolution.bucket().toNanos());
            for (Bucket b : buckets(point, to, to.plus(window), resolution)) {
                if (b.count() > 0 && b.firstTime() != null) {
                    return java.util.Optional.of(new CounterReading(b.firstTime(), b.first()));
                }
            }
            if (window.compareTo(lookaround) >= 0) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<CounterReading> previousRaw(MeteredPoint point, Instant from) {
        for (Duration w : WIDENING) {
            List<Sample> s = new ArrayList<>();
            Instant cursor = from.minus(w);
            while (true) {
                List<Sample> page = reader.range(point.point(), cursor, from, RAW_PAGE);
                s = page.size() < RAW_PAGE && s.isEmpty() ? page : concat(s, page);
                if (page.size() < RAW_PAGE) {
                    break;
                }
                cursor = page.get(page.size() - 1).time().plusNanos(1000);
            }
            for (int i = s.size() - 1; i >= 0; i--) {
                if (usable(s.get(i))) {
                    return java.util.Optional.of(new CounterReading(s.get(i).time(), s.get(i).value()));
                }
            }
            if (w.compareTo(lookaround) >= 0) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<CounterReading> nextRaw(MeteredPoint point, Instant to) {
        for (Duration w : WIDENING) {
            for (Sample s : reader.range(point.point(), to, to.plus(w), 64)) {
                if (usable(s)) {
                    return java.util.Optional.of(new CounterReading(s.time(), s.value()));
                }
            }
            if (w.compareTo(lookaround) >= 0) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Sample> concat(List<Sample> a, List<Sample> b) {
        List<Sample> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static boolean usable(Sample s) {
        return s.quality() != Quality.BAD && Double.isFinite(s.value());
    }
}
