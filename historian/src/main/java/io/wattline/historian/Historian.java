package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.duckdb.DuckDbStore;
import io.wattline.historian.forward.Forwarder;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.historian.forward.LineProtocol;
import io.wattline.historian.forward.QuarantineFile;
import io.wattline.historian.influx.InfluxLineWriter;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.influx.InfluxQueries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole historian in one call: the local store, rollups and raw retention behind it, and, when
 * InfluxDB is configured, the forwarder and InfluxDB reads for ranges older than local retention.
 */
public final class Historian implements AutoCloseable {

    /** Watermark name of the InfluxDB forwarder in the store. */
    public static final String INFLUX_CONSUMER = "forward:influx";
    public static final String ALARM_COMMIT_FAILING = "HISTORIAN_COMMIT_FAILING";
    public static final String ALARM_SAMPLES_DROPPED = "HISTORIAN_SAMPLES_DROPPED";
    public static final String ALARM_MAINTENANCE_FAILING = "HISTORIAN_MAINTENANCE_FAILING";
    /** The data volume is below the low-space watermark: writing, imports and entries are held. */
    public static final String ALARM_LOW_SPACE = "HISTORIAN_LOW_SPACE";
    /** The start-up check found damage and recovered what it could (the message says what). */
    public static final String ALARM_RECOVERED = "HISTORIAN_STORE_RECOVERED";
    /** The background block check found a block it cannot read; the next start recovers it (the message says so). */
    public static final String ALARM_BLOCK_DAMAGE = "HISTORIAN_STORE_DAMAGED";

    private static final Logger log = LoggerFactory.getLogger(Historian.class);
    private static final Duration ROLLUP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);
    private static final int ROLLUP_STEP_SAMPLES = 200_000;
    /**
     * The smallest step a fold that ran out of DuckDB's memory is retried with (a quarter of the last each time):
     * a step's memory grows with its samples, and what else holds memory meanwhile (the writer's appended rows not
     * checkpointed yet, queries) varies, so a burst can make one step too large for the limit.
     */
    private static final int MIN_ROLLUP_STEP_SAMPLES = 5_000;
    /**
     * While an import folds its batches ({@link ReadingLedger#publishLater}) at least this often, the periodic fold
     * leaves the folding to it: folding part of a batch in between only added a step (issue 14's benchmark).
     */
    private static final Duration IMPORT_FOLD_GRACE = ROLLUP_INTERVAL.multipliedBy(2);

    private final DuckDbStore store;
    private final HistorianOptions options;
    /** When an import's fold last ended ({@link System#nanoTime}). */
    private volatile long lastImportFold = System.nanoTime() - Duration.ofHours(1).toNanos();
    /** Samples folded per rollup step: smaller after a step ran out of DuckDB's memory, growing back. */
    private int rollupStep = ROLLUP_STEP_SAMPLES; // guarded by maintenanceLock
    private final Forwarder forwarder; // null without InfluxDB
    private final InfluxQueries queries; // null without InfluxDB
    private final SeriesReader reader;
    private final ScheduledExecutorService maintenance;
    private final Clock clock;
    private final Map<String, SystemAlarm> alarms = new ConcurrentHashMap<>();
    private final AtomicLong rawDeleted = new AtomicLong();
    private final Object maintenanceLock = new Object();
    /** Folds asked for by {@link ReadingLedger#publishLater} not done yet: failed, not left waiting, by {@link #close}. */
    private final Set<CompletableFuture<Void>> publishing = ConcurrentHashMap.newKeySet();

    private Historian(DuckDbStore store, HistorianOptions options, Forwarder forwarder, InfluxQueries queries,
            SeriesReader reader, Clock clock) {
        this.store = store;
        this.options = options;
        this.forwarder = forwarder;
        this.queries = queries;
        this.reader = reader;
        this.clock = clock;
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "historian-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store under {@code dataDirectory} and starts rollups, retention and (with
     * {@code influx}) the forwarder.
     *
     * @throws HistorianException if the store cannot be opened (see {@link DuckDbStore#open})
     */
    public static Historian open(Path dataDirectory, HistorianOptions options, Optional<InfluxOptions> influx) {
        return open(dataDirectory, options, influx, ForwarderOptions.defaults(), Clock.systemUTC());
    }

    /**
     * Starts loading the local store's engine on a daemon thread and returns at once: a process that
     * will {@link #open} a historian calls this first thing, so the native library loads on another
     * core while the rest of the application starts (issue 12, fast start).
     */
    public static void loadEngineInBackground() {
        Thread t = new Thread(DuckDbStore::loadEngine, "historian-engine-load");
        t.setDaemon(true);
        t.start();
    }

    /** As {@link #open(Path, HistorianOptions, Optional)} with forwarder tuning and a clock (tests, benchmarks). */
    public static Historian open(Path dataDirectory, HistorianOptions options, Optional<InfluxOptions> influx,
            ForwarderOptions forwarderOptions, Clock clock) {
        Objects.requireNonNull(influx, "influx");
        DuckDbStore store = DuckDbStore.open(dataDirectory, options);
        Forwarder forwarder = null;
        InfluxQueries queries = null;
        SeriesReader reader = store;
        try {
            if (influx.isPresent()) {
                InfluxOptions io = influx.get();
                forwarder = new Forwarder(store, INFLUX_CONSUMER, new LineProtocol(io.measurement(), io.site()),
                        new InfluxLineWriter(io, Duration.ofSeconds(60)),
                        new QuarantineFile(store.file().getParent().resolve("quarantine")), forwarderOptions, clock);
                queries = new InfluxQueries(io);
                if (io.systemOfRecord()) {
                    reader = new TieredSeriesReader(store, queries);
                }
            }
            Historian historian = new Historian(store, options, forwarder, queries, reader, clock);
            historian.start();
            return historian;
        } catch (RuntimeException e) {
            if (queries != null) {
                queries.close();
            }
            store.close();
            throw e;
        }
    }

    private void start() {
        maintenance.scheduleWithFixedDelay(this::watchSpace, 1, 1, TimeUnit.SECONDS);
        if (forwarder != null) {
            forwarder.start();
        }
        maintenance.scheduleWithFixedDelay(this::rollUpSafely, ROLLUP_INTERVAL.toMillis(), ROLLUP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(this::retainSafely, RETENTION_INTERVAL.toMillis(),
                RETENTION_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (log.isDebugEnabled()) {
            maintenance.scheduleWithFixedDelay(() -> log.debug("DuckDB memory (bytes): {}", store.duckDbMemory()),
                    30, 30, TimeUnit.SECONDS);
        }
    }

    /** Where collectors hand samples. */
    public SampleWriter writer() {
        return store;
    }

    /** Raw ranges, rollup series and latest values (raw from InfluxDB for old ranges when it is the system of record). */
    public SeriesReader reader() {
        return reader;
    }

    /** What changed in the local store since a version, for caches of computed figures. */
    public DataChanges changes() {
        return store;
    }

    /** The local store itself (the log the forwarder follows, maintenance hooks). */
    public DuckDbStore store() {
        return store;
    }

    /** InfluxQL access when InfluxDB is configured. */
    public Optional<InfluxQueries> influx() {
        return Optional.ofNullable(queries);
    }

    /** The forwarder when InfluxDB is configured. */
    public Optional<Forwarder> forwarder() {
        return Optional.ofNullable(forwarder);
    }

    /**
     * The readings record and identity check (imports, hand entries): replacements wait for
     * everything committed to be rolled up and hold off maintenance while they correct the store.
     */
    public ReadingLedger readings() {
        return new ReadingLedger() {
            @Override
            public LookUp lookUp(Collection<Key> keys) {
                return store.lookUpReadings(List.copyOf(keys));
            }

            @Override
            public void append(Collection<Sample> readings, String source) {
                store.recordReadings(readings, source, clock.instant());
            }

            @Override
            public void publish() {
                // the samples are committed: fold them into the rollups now, so that a report right after
                // the import reads them, then tell report caches (a back-fill lands under periods kept as
                // closed, and raw retention may remove it before a cache compares seqs)
                rollUpNow();
                store.noteRewrite();
            }

            @Override
            public CompletableFuture<Void> publishLater() {
                CompletableFuture<Void> done = new CompletableFuture<>();
                publishing.add(done);
                done.whenComplete((nothing, failure) -> publishing.remove(done));
                try {
                    maintenance.execute(() -> {
                        try {
                            publish();
                            lastImportFold = System.nanoTime();
                            done.complete(null);
                        } catch (RuntimeException | Error e) {
                            done.completeExceptionally(e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    done.completeExceptionally(closing());
                }
                return done;
            }

            @Override
            public int replace(Collection<Replacement> replacements, String source) {
                synchronized (maintenanceLock) {
                    store.flush();
                    rollUpNow();
                    return store.replaceReadings(replacements, source, clock.instant());
                }
            }

            @Override
            public int markBad(Collection<Exclusion> exclusions) {
                if (exclusions.isEmpty()) {
                    return 0;
                }
                synchronized (maintenanceLock) {
                    store.flush();
                    rollUpNow();
                    return store.markReadingsBad(exclusions);
                }
            }

            @Override
            public void around(Collection<PointId> points, Instant from, Instant to,
                    BiConsumer<PointId, List<Sample>> each) {
                store.rangeEach(points, from, to, each);
            }

            @Override
            public Map<PointId, Held> held(Instant from, Instant to) {
                return store.held(from, to);
            }

            @Override
            public Importing importing() {
                return store.bulkLoad()::run;
            }

            @Override
            public long recorded() {
                return store.recordedReadings();
            }
        };
    }

    /**
     * Folds every committed sample into the rollups now (the maintenance thread does this every
     * second anyway); returns the rollup watermark.
     */
    public long rollUpNow() {
        synchronized (maintenanceLock) {
            long target = store.lastSeq();
            long watermark = store.rollupWatermark();
            while (watermark < target) {
                long next;
                try {
                    next = store.rollUp(rollupStep);
                } catch (HistorianException e) {
                    if (rollupStep <= MIN_ROLLUP_STEP_SAMPLES || !outOfMemory(e)) {
                        throw e;
                    }
                    // the step's transaction was rolled back: nothing folded twice or lost
                    rollupStep = Math.max(MIN_ROLLUP_STEP_SAMPLES, rollupStep / 4);
                    log.info("folding the samples after seq {} of {} ran out of DuckDB's memory limit ({}): folding "
                            + "in steps of {} samples from now on (wattline.historian.memory-limit raises the limit)",
                            watermark, store.file(), options.memoryLimitBytes() == 0 ? "DuckDB's default"
                                    : (options.memoryLimitBytes() >> 20) + " MiB", rollupStep);
                    continue;
                }
                if (next == watermark) {
                    break;
                }
                if (next - watermark >= rollupStep && rollupStep < ROLLUP_STEP_SAMPLES) {
                    rollupStep = Math.min(ROLLUP_STEP_SAMPLES, rollupStep * 2); // a full step went through
                }
                watermark = next;
            }
            return watermark;
        }
    }

    /**
     * Deletes raw samples older than the retention that are rolled up and, with a forwarder,
     * forwarded (runs every 10 minutes anyway); returns how many were deleted.
     */
    public long applyRetentionNow() {
        synchronized (maintenanceLock) {
            Instant cutoff = clock.instant().minus(options.rawRetention());
            long deleted = store.deleteRawBefore(cutoff, forwarder == null ? Set.of() : Set.of(INFLUX_CONSUMER));
            rawDeleted.addAndGet(deleted);
            if (deleted > 0) {
                log.info("retention deleted {} raw samples older than {} from {}", deleted, cutoff, store.file());
            }
            return deleted;
        }
    }

    /** Whether DuckDB refused {@code e}'s work for its memory limit ("Out of Memory Error: failed to pin block ..."). */
    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Out of Memory Error")) {
                return true;
            }
        }
        return false;
    }

    private void rollUpSafely() {
        if (store.bulkLoading() && System.nanoTime() - lastImportFold < IMPORT_FOLD_GRACE.toNanos()) {
            return; // an import folds everything committed, the collectors' samples too, after each of its batches
        }
        if (store.lowSpace()) {
            return; // rollups write too: they wait for space like the writer
        }
        try {
            rollUpNow();
            alarms.remove(ALARM_MAINTENANCE_FAILING);
        } catch (RuntimeException e) {
            maintenanceFailed("rollup", e);
        }
    }

    // The writer checks the volume before each commit; this keeps the state fresh (and the alarm
    // raised or cleared) also while no sample arrives.
    private void watchSpace() {
        store.lowSpace();
        status();
    }

    private void retainSafely() {
        if (store.lowSpace()) {
            return;
        }
        try {
            applyRetentionNow();
        } catch (RuntimeException e) {
            maintenanceFailed("retention", e);
        }
    }

    // Rollups and retention retry on their next run; a failure (a full disk, say) must never stop the
    // maintenance thread, and the rollup watermark makes the retry pick up exactly where it failed.
    private void maintenanceFailed(String what, RuntimeException e) {
        log.warn("historian {} failed, retrying on its next run: {}", what, e.getMessage());
        alarms.compute(ALARM_MAINTENANCE_FAILING, (code, old) -> new SystemAlarm(code,
                "historian " + what + " failed: " + e.getMessage(), old == null ? clock.instant() : old.since()));
    }

    /**
     * Why new stored input (imports, production entries) must be refused right now, in words for the
     * answer; empty while the store takes writes. Cheap (one statvfs call): callers ask per request.
     */
    public Optional<String> writesHeld() {
        if (store.lowSpace()) {
            return store.lowSpaceReason();
        }
        return store.commitFailure();
    }

    /** Checks the data volume now: true while it is below the low-space watermark and writing is held. */
    public boolean lowSpace() {
        return store.lowSpace();
    }

    /** Cancels the store reads {@code thread} is running (a report stopped at its time limit or abandoned). */
    public void cancelReads(Thread thread) {
        store.cancelReads(thread);
    }

    /** The store's status from memory only (no disk read), so it answers at once also when the disk is full. */
    public HistorianStatus status() {
        HistorianStats stats = store.stats();
        Optional<String> lowSpace = store.lowSpaceReason();
        if (lowSpace.isPresent()) {
            alarms.computeIfAbsent(ALARM_LOW_SPACE, code -> new SystemAlarm(code, lowSpace.get(), clock.instant()));
        } else {
            alarms.remove(ALARM_LOW_SPACE);
        }
        if (!store.openReport().isClean()) {
            alarms.computeIfAbsent(ALARM_RECOVERED, code -> new SystemAlarm(code,
                    "the historian store was recovered at start: " + store.openReport().summary(), clock.instant()));
        }
        store.blockDamage().ifPresent(damage -> alarms.computeIfAbsent(ALARM_BLOCK_DAMAGE,
                code -> new SystemAlarm(code, damage, clock.instant())));
        Optional<String> commitFailure = store.commitFailure();
        if (commitFailure.isPresent()) {
            alarms.computeIfAbsent(ALARM_COMMIT_FAILING, code -> new SystemAlarm(code, commitFailure.get()
                    + "; samples queue up, then are refused and counted (disk full? see the historian README)",
                    clock.instant()));
        } else {
            alarms.remove(ALARM_COMMIT_FAILING);
        }
        if (stats.dropped() > 0) {
            alarms.compute(ALARM_SAMPLES_DROPPED, (code, old) -> new SystemAlarm(code, stats.dropped()
                    + " samples refused since start because the historian queue was full",
                    old == null ? clock.instant() : old.since()));
        }
        List<SystemAlarm> all = new ArrayList<>(alarms.values());
        if (forwarder != null) {
            all.addAll(forwarder.alarms());
        }
        all.sort(Comparator.comparing(SystemAlarm::since));
        long rollup = store.rollupWatermark();
        return new HistorianStatus(clock.instant(), stats, store.lastSeq(), rollup,
                options.rawRetention().toSeconds() / 86_400.0, rawDeleted.get(),
                forwarder == null ? null : forwarder.status(), List.copyOf(all));
    }

    private HistorianException closing() {
        return new HistorianException("the historian of " + store.file() + " is closing: what was committed is "
                + "rolled up at its next start (历史库正在关闭)");
    }

    /** Stops the forwarder and maintenance, then closes the store (which commits everything accepted). */
    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
        maintenance.shutdownNow();
        try {
            if (!maintenance.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("historian maintenance did not stop within 30 s; closing the store anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<Void> waiting : List.copyOf(publishing)) {
            waiting.completeExceptionally(closing());
        }
        if (queries != null) {
            queries.close();
        }
        store.close();
    }
}
