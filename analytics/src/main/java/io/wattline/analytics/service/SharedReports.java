package io.wattline.analytics.service;

import io.wattline.historian.DataChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Identical consumption queries share one computation. A query (normalised: {@link ConsumptionQuery}
 * is a record of parsed values) that arrives while the same one is being computed waits for that
 * computation instead of starting another. A finished report is kept (at most {@code maxEntries},
 * least recently used dropped first) and given again:
 * <ul>
 *   <li>for a <b>closed</b> period, one that ended {@link #CLOSED_AFTER} or more before it was computed,
 *   without a meter held at its last reading: until the data under it changes, i.e. until a sample is
 *   committed whose time is {@link #SETTLE} or more before the computation (a late or back-filled
 *   reading; live readings arrive within seconds and lie after the period);</li>
 *   <li>either way, until a stored sample is changed in place ({@link DataChanges#rewrites()});</li>
 *   <li>for an <b>open</b> period (today's): for {@code openFreshness} (default 5 s), since every
 *   commit changes it.</li>
 * </ul>
 * Each answer says where it came from ({@link Source}) and as of when.
 */
public final class SharedReports {

    /** A period this long over is closed: later than its rollup margin (1 h) plus {@link #SETTLE}. */
    public static final Duration CLOSED_AFTER = Duration.ofMinutes(65);
    /** A sample stamped this long before it is committed is late: it may change a closed period. */
    public static final Duration SETTLE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_OPEN_FRESHNESS = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ENTRIES = 256;

    /** Where an answer came from. */
    public enum Source {
        /** Computed for this request. */
        COMPUTED,
        /** Computed for an identical request in flight at the same time, and shared. */
        SHARED,
        /** Kept from an earlier identical request; the data under it has not changed since. */
        CACHED
    }

    /** A report and where it came from; {@code computedAt} is when its data was read. */
    public record Answer(ConsumptionReport report, Source source, Instant computedAt) {
    }

    private record Entry(ConsumptionReport report, long version, long rewrites, Instant computedAt, boolean closed) {
    }

    private final Function<ConsumptionQuery, ConsumptionReport> compute;
    private final DataChanges changes;
    private final Clock clock;
    private final Duration openFreshness;
    private final int maxEntries;
    private final Map<ConsumptionQuery, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();
    private final Map<ConsumptionQuery, Entry> kept;

    public SharedReports(Function<ConsumptionQuery, ConsumptionReport> compute, DataChanges changes, Clock clock,
            Duration openFreshness, int maxEntries) {
        this.compute = compute;
        this.changes = changes;
        this.clock = clock;
        this.openFreshness = openFreshness;
        this.maxEntries = maxEntries;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConsumptionQuery, Entry> eldest) {
                return size() > SharedReports.this.maxEntries;
            }
        };
    }

    /** Shares identical requests in flight only and keeps nothing (for callers without a store to watch). */
    public static SharedReports inFlightOnly(Function<ConsumptionQuery, ConsumptionReport> compute, Clock clock) {
        DataChanges always = new DataChanges() {
            @Override
            public long version() {
                return 0;
            }

            @Override
            public boolean committedSince(long version, Instant before) {
                return true;
            }
        };
        return new SharedReports(compute, always, clock, Duration.ZERO, 0);
    }

    /** The report of {@code q}: kept, shared with an identical request in flight, or computed now on this thread. */
    public Answer report(ConsumptionQuery q) {
        try {
            return report(q, work -> CompletableFuture.completedFuture(work.get())).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException r ? r : failed;
        }
    }

    /**
     * The report of {@code q} without blocking: a kept one at once; an identical computation in flight
     * joined (no thread waits for it); else one computed through {@code start}, which runs the work it is
     * given where the caller wants (a bounded pool) and completes with its report.
     */
    public CompletableFuture<Answer> report(ConsumptionQuery q,
            Function<Supplier<ConsumptionReport>, CompletableFuture<ConsumptionReport>> start) {
        Entry e = keptEntry(q);
        if (e != null && stillValid(e)) {
            return CompletableFuture.completedFuture(new Answer(e.report(), Source.CACHED, e.computedAt()));
        }
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = inFlight.putIfAbsent(q, mine);
        if (running != null) {
            return running.thenApply(shared -> new Answer(shared.report(), Source.SHARED, shared.computedAt()));
        }
        // the version is taken first: a sample committed while computing makes the entry look older, never newer
        long version = changes.version();
        long rewrites = changes.rewrites();
        Instant at = clock.instant();
        CompletableFuture<ConsumptionReport> computing;
        try {
            computing = start.apply(() -> compute.apply(q));
        } catch (RuntimeException | Error failure) {
            inFlight.remove(q, mine);
            mine.completeExceptionally(failure);
            throw failure;
        }
        computing.whenComplete((report, failure) -> {
            inFlight.remove(q, mine);
            if (failure != null) {
                mine.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
                return;
            }
            Entry entry = new Entry(report, version, rewrites, at, closed(q, report, at));
            if (maxEntries > 0) {
                synchronized (kept) {
                    kept.put(q, entry);
                }
            }
            mine.complete(entry);
        });
        return mine.thenApply(done -> new Answer(done.report(), Source.COMPUTED, done.computedAt()));
    }

    /** How many reports are kept now. */
    public int size() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private Entry keptEntry(ConsumptionQuery q) {
        synchronized (kept) {
            return kept.get(q);
        }
    }

    private boolean stillValid(Entry e) {
        if (!e.closed()) {
            return changes.rewrites() == e.rewrites() && clock.instant().isBefore(e.computedAt().plus(openFreshness));
        }
        return changes.rewrites() == e.rewrites() && !changes.committedSince(e.version(), e.computedAt().minus(SETTLE));
    }

    /**
     * Closed: over long enough before the computation, and no figure held at a meter's last reading
     * (a meter silent since before the end would change the figures when it answers again).
     */
    private static boolean closed(ConsumptionQuery q, ConsumptionReport report, Instant computedAt) {
        if (q.to().plus(CLOSED_AFTER).isAfter(computedAt)) {
            return false;
        }
        return report.rows().stream().allMatch(row -> row.flags() == null
                || (row.flags().uncoveredSeconds() == 0 && !row.flags().noData()));
    }
}
