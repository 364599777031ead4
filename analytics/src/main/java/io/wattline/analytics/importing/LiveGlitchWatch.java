package io.wattline.analytics.importing;

import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.CounterReading;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.live.SampleListener;
import io.wattline.historian.ReadingLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks collected counter readings BAD in the store once the readings after them show that accounting
 * leaves them out (ARCHITECTURE decision 14): a live glitch is only known when the rebound arrives. Keeps
 * the last {@link #TAIL} usable readings of each watched counter, judges them with the same rule as
 * accounting ({@link CounterJudge}) on every new one, and hands each newly excluded reading to a thread of
 * its own that marks it through {@link ReadingLedger#markBad} (the live path never waits on the store).
 * On start the tails are seeded, on that thread, with the readings stored in the {@link #SEED_WINDOW} before
 * it, so a glitch collected just before a restart is still marked when its rebound comes after it.
 */
public final class LiveGlitchWatch implements SampleListener, AutoCloseable {

    /** Readings kept per counter: the glitch window (3) on each side of a reading, and the one before. */
    static final int TAIL = 8;
    /** How far before the start stored readings seed the tails (enough for the glitch window at any usual poll). */
    static final Duration SEED_WINDOW = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(LiveGlitchWatch.class);

    private final Set<PointId> counters;
    private final CounterJudge judge;
    private final ReadingLedger ledger;
    private final Map<PointId, Tail> tails = new ConcurrentHashMap<>();
    private final ExecutorService marker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-glitch-marker");
        t.setDaemon(true);
        return t;
    });

    /** Watches {@code counters} (the accounting counters), judged by {@code judge}, marked in {@code ledger}. */
    public LiveGlitchWatch(Set<PointId> counters, CounterJudge judge, ReadingLedger ledger) {
        this.counters = Set.copyOf(counters);
        this.judge = judge;
        this.ledger = ledger;
    }

    /**
     * As {@link #LiveGlitchWatch(Set, CounterJudge, ReadingLedger)}, and seeds the tails in the background with
     * the readings stored in the {@link #SEED_WINDOW} before {@code clock}'s now (a restart).
     */
    public LiveGlitchWatch(Set<PointId> counters, CounterJudge judge, ReadingLedger ledger, Clock clock) {
        this(counters, judge, ledger);
        Instant start = clock.instant();
        marker.execute(() -> seed(start));
    }

    private void seed(Instant start) {
        if (counters.isEmpty()) {
            return;
        }
        try {
            ledger.around(counters, start.minus(SEED_WINDOW), start, (point, samples) -> {
                List<CounterReading> stored = new ArrayList<>();
                for (Sample s : samples) {
                    if (s.quality() != Quality.BAD && Double.isFinite(s.value())) {
                        stored.add(new CounterReading(s.time(), s.value()));
                    }
                }
                Tail tail = tails.computeIfAbsent(point, p -> new Tail());
                List<ReadingLedger.Exclusion> marks;
                synchronized (tail) {
                    tail.seed(stored);
                    marks = judgeTail(point, tail, "collection, when the readings after it came in (after a restart)");
                }
                mark(marks);
            });
        } catch (RuntimeException e) {
            log.warn("could not read the stored readings before the start to judge them with the new ones ({}); "
                    + "accounting still leaves glitches out", e.getMessage());
        }
    }

    @Override
    public void onSample(Sample sample) {
        if (!counters.contains(sample.point()) || sample.quality() == Quality.BAD || !Double.isFinite(sample.value())) {
            return; // a BAD reading (a negative counter reading among them) is marked BAD at collection already
        }
        Tail tail = tails.computeIfAbsent(sample.point(), p -> new Tail());
        List<ReadingLedger.Exclusion> marks = new ArrayList<>();
        synchronized (tail) {
            if (!tail.readings.isEmpty() && !sample.time().isAfter(tail.readings.peekLast().time())) {
                return; // out of order or repeated: judged by accounting at report time
            }
            tail.readings.addLast(new CounterReading(sample.time(), sample.value()));
            if (tail.readings.size() > TAIL) {
                tail.marked.remove(tail.readings.removeFirst().time());
            }
            marks.addAll(judgeTail(sample.point(), tail, "collection, when the readings after it came in"));
        }
        if (!marks.isEmpty()) {
            try {
                marker.execute(() -> mark(marks));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.warn("{} glitch marks of {} not stored: the watch is closing (accounting still leaves them out)",
                        marks.size(), sample.point());
            }
        }
    }

    /** The readings of {@code tail} accounting leaves out and that were not marked yet; call holding the tail. */
    private List<ReadingLedger.Exclusion> judgeTail(PointId point, Tail tail, String foundAt) {
        List<ReadingLedger.Exclusion> marks = new ArrayList<>();
        for (CounterIssue issue : judge.excluded(point, List.copyOf(tail.readings))) {
            if (tail.marked.add(issue.from())) {
                marks.add(new ReadingLedger.Exclusion(new ReadingLedger.Key(point, issue.from()),
                        ReadingImporter.reasonFor(issue, foundAt)));
            }
        }
        return marks;
    }

    private void mark(List<ReadingLedger.Exclusion> marks) {
        if (marks.isEmpty()) {
            return;
        }
        try {
            int marked = ledger.markBad(marks);
            for (ReadingLedger.Exclusion e : marks) {
                log.warn("{} at {} marked BAD ({} of {} found in the store): {}", e.key().point(), e.key().time(),
                        marked, marks.size(), e.reason());
            }
        } catch (RuntimeException e) {
            log.error("could not mark {} readings BAD in the store (accounting still leaves them out): {}",
                    marks.size(), e.getMessage(), e);
        }
    }

    /** Waits up to {@code seconds} for the marks handed on so far (tests, orderly stop); false if they did not finish. */
    public boolean drain(long seconds) throws InterruptedException {
        try {
            marker.submit(() -> { }).get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        marker.shutdown();
        try {
            if (!marker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("live glitch marks still pending after 10 s at close; accounting still leaves those readings out");
                marker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            marker.shutdownNow();
        }
    }

    /** The last readings of one counter and which of them were marked already. */
    private static final class Tail {
        final ArrayDeque<CounterReading> readings = new ArrayDeque<>();
        final Set<Instant> marked = new HashSet<>();

        /** Puts the stored readings older than the first live one in front, keeping the newest {@link #TAIL}. */
        void seed(List<CounterReading> stored) {
            Instant first = readings.isEmpty() ? null : readings.peekFirst().time();
            for (int i = stored.size() - 1; i >= 0 && readings.size() < TAIL; i--) {
                CounterReading r = stored.get(i);
                if (first == null || r.time().isBefore(first)) {
                    readings.addFirst(r);
                    first = r.time();
                }
            }
        }
    }
}
