package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.CommittedSamples;
import io.wattline.historian.DataChanges;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.HistorianStats;
import io.wattline.historian.ReadingLedger;
import io.wattline.historian.SampleWriter;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import io.wattline.historian.StoredSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on local store: {@code <data>/wattline.duckdb}, written by one thread in batched
 * transactions from a bounded queue, read through separate connections while it writes.
 */
public final class DuckDbStore implements SampleWriter, SeriesReader, CommittedSamples, DataChanges, AutoCloseable {

    public static final String FILE_NAME = "wattline.duckdb";

    private final java.util.concurrent.atomic.AtomicLong rewrites = new java.util.concurrent.atomic.AtomicLong();
    /** Raw reads that stand in for rollups (spans shorter than the requested points) return at most this many. */
    public static final int MAX_RAW_SERIES = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(DuckDbStore.class);
    // DuckDB locks the file against other processes only; a second open in this JVM would share
    // the database and add a second writer behind the single-writer design. This set refuses it.
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final HistorianOptions options;
    private final SpaceGuard space;
    // The database and the writer's connection; replaced together when a failed commit left
    // DuckDB unusable (reopen). Guarded by dbLock; the writer fields are used by the writer thread.
    private final Object dbLock = new Object();
    private DuckDBConnection origin;
    private DuckDBConnection writerConnection;
    private BatchCommitter committer;
    // Every read connection handed out and the thread using it: a reopen closes them first (two
    // DuckDB instances on one file would corrupt it), cancelReads closes those of one thread.
    private final Map<DuckDBConnection, Thread> readers = new ConcurrentHashMap<>();
    private volatile long rollupWatermarkCache;
    private final StoreCheck.Report openReport;
    // Set when a write outside the writer (rollups, retention, watermarks) failed on I/O; the
    // writer reopens the database before its next commit.
    private volatile boolean reopenWanted;
    private final BatchWriter writer;
    private final BlockScrub scrub;
    // The latest table mirrored in memory, so the UI's most frequent query touches no disk.
    private final ConcurrentHashMap<PointId, Sample> latest;
    // The points dictionary (id -> point) as far as readers have needed it; ids never change.
    private final Map<Integer, PointId> pointIds = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private boolean closed; // guarded by lifecycle

    private DuckDbStore(Path file, HistorianOptions options, DuckDBConnection origin, StoreCheck.Report opened,
            StoreCheck.SalvageStep salvage) throws SQLException {
        this.file = file;
        this.options = options;
        this.origin = origin;
        this.space = new SpaceGuard(file.getParent(), options.minFreeBytes());
        SchemaMigration.migrate(origin, file);
        ReadingTable.create(origin);
        StoreCheck.Report salvaged = salvage.run(origin);
        // damage anywhere in the file is found now (then: recovery), or by a background read (BlockScrub)
        this.scrub = BlockScrub.atOpen(file, origin);
        this.openReport = opened.and(salvaged).and(StoreCheck.quarantineUnreadableRows(origin, file));
        this.writerConnection = (DuckDBConnection) origin.duplicate();
        try {
            this.committer = new BatchCommitter(writerConnection);
            this.latest = new ConcurrentHashMap<>(SampleRows.latest(writerConnection));
            this.rollupWatermarkCache = Watermarks.read(writerConnection, RollupUpdater.WATERMARK);
            this.writer = new BatchWriter(file, options, new Sink(), space, SampleRows.nextSeq(writerConnection),
                    this::mergeLatest);
        } catch (SQLException | RuntimeException e) {
            // An open connection keeps the database instance (and its file lock) alive.
            closeAfterFailure(writerConnection, e);
            throw e;
        }
    }

    /**
     * Opens (creating if needed) the store in {@code dataDirectory} and starts its writer thread.
     *
     * @throws HistorianException if the directory cannot be created or written, the file is held by
     *     another process or already open in this one, or the file's schema is newer than this build
     */
    public static DuckDbStore open(Path dataDirectory, HistorianOptions options) {
        Objects.requireNonNull(options, "options");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new HistorianException("cannot create the data directory " + directory + " (--data): " + e, e);
        }
        if (!Files.isWritable(directory)) {
            throw new HistorianException("the data directory " + directory
                    + " (--data) is not writable by this process; fix its permissions or choose another --data");
        }
        Path file = directory.resolve(FILE_NAME);
        if (!OPEN_FILES.add(file)) {
            throw new HistorianException(file + " is already open in this process; open one DuckDbStore per data directory");
        }
        try {
            StoreCheck.Opened<DuckDbStore> opened = StoreCheck.openOrRecover(file, (found, salvage) -> {
                DuckDBConnection origin = connect(file, options);
                try {
                    return new DuckDbStore(file, options, origin, found, salvage);
                } catch (SQLException | RuntimeException e) {
                    closeAfterFailure(origin, e);
                    throw e;
                }
            });
            DuckDbStore store = opened.value();
            if (!store.openReport.isClean()) {
                log.warn("historian store {} opened after recovery: {}", file, store.openReport.summary());
            }
            store.writer.start();
            store.scrub.startBackground(store.origin);
            log.info("historian store {} open: {} points, next seq {}", file, store.latest.size(), store.writer.nextSeq());
            return store;
        } catch (SQLException e) {
            OPEN_FILES.remove(file);
            throw openFailure(file, e);
        } catch (RuntimeException e) {
            OPEN_FILES.remove(file);
            throw e;
        }
    }

    /**
     * Loads DuckDB's engine (its JDBC driver unpacks a 57 MB native library from the jar and links
     * it: about half a second of one core) so that a later {@link #open} does not wait for it. Safe
     * to call from any thread, any number of times; a failure is left for {@link #open} to report.
     */
    public static void loadEngine() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, DuckDbStore.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
            log.debug("DuckDB's engine not loaded ahead of the store: {} (the store's open reports it)", e.toString());
        }
    }

    /** A connection to the database file with the memory limit and threads of {@code options}. */
    static DuckDBConnection connect(Path file, HistorianOptions options) throws SQLException {
        java.util.Properties settings = new java.util.Properties();
        if (options.memoryLimitBytes() > 0) {
            // MiB: DuckDB reads "MB" as 1000 x 1000 bytes
            settings.setProperty("memory_limit", (options.memoryLimitBytes() / (1024 * 1024)) + "MiB");
            // The checkpoint threshold stays DuckDB's (16 MiB of WAL): a smaller one (tried: a 32nd of the
            // limit) makes commits checkpoint often, and a checkpoint that meets a full disk fails the
            // commit and left what was committed unreadable until the disk had room (DiskFullTest).
        }
        if (options.threads() > 0) {
            settings.setProperty("threads", Integer.toString(options.threads()));
        }
        // DuckDB allocates through its own jemalloc, which keeps what a query freed for the next one: by
        // default up to 128 MB a thread before it gives any back, and only while it is busy. Flush after
        // a task past 8 MB and let jemalloc's background thread return idle pages (docs/configuration.md#sizing).
        settings.setProperty("allocator_flush_threshold", "8MiB");
        settings.setProperty("allocator_background_threads", "true");
        // A checkpoint frees the appended rows (up to 16 MiB of WAL) at once: by default jemalloc keeps a
        // bulk free below 512 MB. Flush it past 8 MiB so the pages go back to the system (issue 18).
        settings.setProperty("allocator_bulk_deallocation_flush_threshold", "8MiB");
        return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, settings);
    }

    private static HistorianException openFailure(Path file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
            return new HistorianException(file + " is in use by another process (likely another Wattline on the same --data):"
                    + " DuckDB lets only one process open a database for writing. Stop that process or start"
                    + " this one with a different --data directory. DuckDB said: " + message, e);
        }
        return new HistorianException("cannot open the historian store " + file + ": " + message, e);
    }

    private static void closeAfterFailure(DuckDBConnection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }

    /** The database file this store writes. */
    public Path file() {
        return file;
    }

    @Override
    public boolean offer(Sample sample) {
        return writer.offer(sample);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    /**
     * DuckDB's own memory by what holds it (its {@code duckdb_memory()} table: buffer pool, in-memory tables,
     * indexes, ...), bytes, largest first; for sizing the process (docs/configuration.md#sizing).
     */
    public java.util.LinkedHashMap<String, Long> duckDbMemory() {
        java.util.LinkedHashMap<String, Long> usage = new java.util.LinkedHashMap<>();
        try (DuckDBConnection reader = readConnection(); java.sql.Statement s = reader.createStatement();
                ResultSet r = s.executeQuery("SELECT tag, memory_usage_bytes FROM duckdb_memory()"
                        + " WHERE memory_usage_bytes > 0 ORDER BY memory_usage_bytes DESC")) {
            while (r.next()) {
                usage.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new HistorianException("reading DuckDB's memory use of " + file + " failed: " + e.getMessage(), e);
        }
        return usage;
    }

    /** Counters since open, for status pages and metrics; cheap enough to poll every second. */
    public HistorianStats stats() {
        return writer.stats();
    }

    @Override
    public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + point + ": from " + from + " is after to " + to);
        }
        try (DuckDBConnection reader = readConnection()) {
            return SampleRows.range(reader, point, from, to, limit);
        } catch (SQLException e) {
            throw new HistorianException("range query of " + point + " [" + from + ", " + to + ") on " + file
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<PointId, Sample> latest() {
        return Collections.unmodifiableMap(new TreeMap<>(latest));
    }

    @Override
    public Optional<Sample> latest(PointId point) {
        return Optional.ofNullable(latest.get(point));
    }

    @Override
    public List<PointId> points() {
        List<PointId> points = new ArrayList<>(latest.keySet());
        Collections.sort(points);
        return List.copyOf(points);
    }

    /**
     * The series of {@code point} over {@code [from, to)} at the coarsest resolution that still
     * gives at least {@code points} buckets across the span (1 h, then 15 min, then 1 min); when
     * even 1 min gives fewer, the raw samples as one-sample {@link Resolution#RAW} buckets (at most
     * {@link #MAX_RAW_SERIES}). A rollup bucket is returned when its start lies in
     * {@code [floor(from), to)}; rollups follow the writer by about a second.
     */
    @Override
    public List<Bucket> series(PointId point, Instant from, Instant to, int points) {
        Objects.requireNonNull(point, "point");
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, was " + points);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("series of " + point + ": from " + from + " is after to " + to);
        }
        Resolution resolution = resolutionFor(from, to, points);
        if (resolution == Resolution.RAW) {
            return range(point, from, to, MAX_RAW_SERIES).stream().map(Bucket::of).toList();
        }
        try (DuckDBConnection reader = readConnection()) {
            return RollupUpdater.buckets(reader, point, resolution, EpochMicros.of(from), EpochMicros.of(to));
        } catch (SQLException e) {
            throw new HistorianException("series query of " + point + " [" + from + ", " + to + ") at " + resolution
                    + " on " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** One query for all {@code points}: {@code point IN (...)} on the samples table, ordered by point and time. */
    @Override
    public void rangeEach(Collection<PointId> points, Instant from, Instant to, BiConsumer<PointId, List<Sample>> each) {
        Objects.requireNonNull(points, "points");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range of " + points.size() + " points: from " + from + " is after to " + to);
        }
        try (DuckDBConnection reader = readConnection()) {
            SampleRows.range(reader, distinct(points), from, to, each);
        } catch (SQLException e) {
            throw new HistorianException("range query of " + points.size() + " points [" + from + ", " + to + ") on "
                    + file + " failed: " + e.getMessage(), e);
        }
    }

    /** See {@link io.wattline.historian.ReadingLedger#held}. */
    public Map<PointId, ReadingLedger.Held> held(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("held samples [" + from + ", " + to + "): from is after to");
        }
        try (DuckDBConnection reader = readConnection()) {
            return SampleRows.held(reader, from, to);
        } catch (SQLException e) {
            throw new HistorianException("counting the samples held in [" + from + ", " + to + ") on " + file
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** One query for all {@code points} on the table of {@code resolution} (RAW: on the samples table). */
    @Override
    public void seriesEach(Collection<PointId> points, Instant from, Instant to, Resolution resolution,
            BiConsumer<PointId, List<Bucket>> each) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(resolution, "resolution");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("series of " + points.size() + " points: from " + from + " is after to " + to);
        }
        if (resolution == Resolution.RAW) {
            rangeEach(points, from, to, (p, samples) -> each.accept(p, samples.stream().map(Bucket::of).toList()));
            return;
        }
        try (DuckDBConnection reader = readConnection()) {
            RollupUpdater.buckets(reader, distinct(points), resolution, EpochMicros.of(from), EpochMicros.of(to), each);
        } catch (SQLException e) {
            throw new HistorianException("series query of " + points.size() + " points [" + from + ", " + to + ") at "
                    + resolution + " on " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static Collection<PointId> distinct(Collection<PointId> points) {
        return points instanceof Set<PointId> ? points : new LinkedHashSet<>(points);
    }

    /** The coarsest rollup giving at least {@code points} buckets over {@code [from, to)}, else RAW. */
    public static Resolution resolutionFor(Instant from, Instant to, int points) {
        Duration span = Duration.between(from, to);
        for (Resolution candidate : Resolution.ROLLUPS_COARSEST_FIRST) {
            if (span.dividedBy(candidate.bucket()) >= points) {
                return candidate;
            }
        }
        return Resolution.RAW;
    }

    @Override
    public List<StoredSample> after(long after, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        try (DuckDBConnection reader = readConnection()) {
            return SampleRows.after(reader, after, max, pointIds);
        } catch (SQLException e) {
            throw new HistorianException("reading samples after seq " + after + " from " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long lastSeq() {
        return writer.nextSeq() - 1;
    }

    @Override
    public long version() {
        return lastSeq();
    }

    @Override
    public long rewrites() {
        return rewrites.get();
    }

    /** Records that stored samples were changed in place, for {@link #rewrites()}; call after the change commits. */
    public void noteRewrite() {
        rewrites.incrementAndGet();
    }

    @Override
    public boolean committedSince(long version, Instant before) {
        // seq grows with insertion, so DuckDB's zone maps skip every row group committed before version
        try (DuckDBConnection reader = readConnection();
                java.sql.PreparedStatement q = reader.prepareStatement(
                        "SELECT 1 FROM samples WHERE seq > ? AND ts_us < ? LIMIT 1")) {
            q.setLong(1, version);
            q.setLong(2, EpochMicros.of(before));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new HistorianException("reading what changed since " + version + " in " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long watermark(String consumer) {
        try (DuckDBConnection reader = readConnection()) {
            return Watermarks.read(reader, consumer);
        } catch (SQLException e) {
            throw new HistorianException("reading the watermark of " + consumer + " from " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void storeWatermark(String consumer, long seq) {
        try (DuckDBConnection connection = readConnection()) {
            Watermarks.store(connection, consumer, seq);
        } catch (SQLException e) {
            throw writeFailure("storing the watermark " + consumer + "=" + seq, e);
        }
    }

    /** What the store holds at each key, and the points it holds anything of around them: see {@link ReadingLedger#lookUp}. */
    public ReadingLedger.LookUp lookUpReadings(List<ReadingLedger.Key> keys) {
        try (DuckDBConnection connection = readConnection()) {
            return ReadingTable.lookUp(connection, keys);
        } catch (SQLException e) {
            throw new HistorianException("looking up " + keys.size() + " readings in " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Adds readings to the durable record (never removed by retention): see {@link ReadingLedger#record}. */
    public void recordReadings(Collection<Sample> readings, String source, Instant now) {
        try (DuckDBConnection connection = readConnection()) {
            ReadingTable.record(connection, readings, source, EpochMicros.of(now));
        } catch (SQLException e) {
            throw new HistorianException("recording " + readings.size() + " readings from " + source + " in " + file
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces stored readings (raw, record, rollups) in one transaction: see
     * {@link ReadingLedger#replace}. Call with maintenance held off and everything rolled up.
     */
    public int replaceReadings(Collection<ReadingLedger.Replacement> replacements, String source, Instant now) {
        try (DuckDBConnection connection = readConnection()) {
            int buckets = ReadingTable.replace(connection, replacements, source, EpochMicros.of(now));
            noteRewrite(); // values changed in place: no seq tells a cache
            for (ReadingLedger.Replacement r : replacements) {
                latest.computeIfPresent(r.reading().point(), (p, s) -> s.time().equals(r.reading().time())
                        && s.isGood() ? r.reading() : s);
            }
            return buckets;
        } catch (SQLException e) {
            throw new HistorianException("replacing " + replacements.size() + " readings in " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Marks stored readings BAD with their reasons (raw, latest, record) and refolds their rollup
     * buckets, in one transaction: see {@link ReadingLedger#markBad}. Call with maintenance held off
     * and everything rolled up.
     */
    public int markReadingsBad(Collection<ReadingLedger.Exclusion> exclusions) {
        try (DuckDBConnection connection = readConnection()) {
            int marked = ReadingTable.markBad(connection, exclusions);
            noteRewrite(); // qualities changed in place: no seq tells a cache
            for (ReadingLedger.Exclusion e : exclusions) {
                latest.computeIfPresent(e.key().point(), (p, s) -> s.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .equals(e.key().time()) && s.quality() != io.wattline.core.Quality.BAD
                        ? new Sample(p, s.time(), s.value(), io.wattline.core.Quality.BAD, e.reason()) : s);
            }
            return marked;
        } catch (SQLException e) {
            throw new HistorianException("marking " + exclusions.size() + " readings BAD in " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    private final Object bulkLock = new Object();
    private int bulkHolders; // guarded by bulkLock

    /** Whether an import holds {@link #bulkLoad} now. */
    public boolean bulkLoading() {
        synchronized (bulkLock) {
            return bulkHolders > 0;
        }
    }

    /**
     * Runs DuckDB's queries on their callers' threads only ({@code threads} 1) until the returned handle is
     * closed (each handle once; nested and concurrent holders counted): see {@link ReadingLedger#importing}. With
     * {@code threads} 1 configured already this changes nothing. A failure to change the setting only costs speed:
     * logged, never thrown.
     */
    public Runnable bulkLoad() {
        synchronized (bulkLock) {
            if (bulkHolders++ == 0) {
                setThreads(1);
            }
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (bulkLock) {
                    if (--bulkHolders == 0) {
                        setThreads(options.threads());
                    }
                }
            }
        };
    }

    /** DuckDB's threads setting now (tests). */
    long duckDbThreads() throws SQLException {
        try (DuckDBConnection connection = readConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('threads')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // DuckDB's threads setting is the database's, not a connection's: it applies to every query that starts after it.
    private void setThreads(int threads) {
        if (options.threads() == 1) {
            return;
        }
        try (DuckDBConnection connection = readConnection(); Statement statement = connection.createStatement()) {
            statement.execute(threads > 0 ? "SET threads = " + threads : "RESET threads");
        } catch (SQLException e) {
            log.warn("setting DuckDB's threads of {} to {} failed (imports may run slower): {}", file,
                    threads > 0 ? threads : "its default", e.getMessage());
        }
    }

    /** How many readings the durable record holds. */
    public long recordedReadings() {
        try (DuckDBConnection connection = readConnection()) {
            return ReadingTable.count(connection);
        } catch (SQLException e) {
            throw new HistorianException("counting the readings record of " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Folds up to {@code maxSamples} committed samples into the rollups (one transaction).
     *
     * @return the rollup watermark afterwards: every sample with a seq up to it is in the rollups
     */
    public long rollUp(int maxSamples) {
        try (DuckDBConnection connection = readConnection()) {
            long watermark = RollupUpdater.step(connection, maxSamples);
            rollupWatermarkCache = watermark;
            return watermark;
        } catch (SQLException e) {
            throw writeFailure("rolling up samples", e);
        }
    }

    /**
     * Deletes raw samples older than {@code cutoff} that the rollups and every consumer in
     * {@code consumers} have handled (their watermarks are at or above the row's seq).
     *
     * @return rows deleted
     */
    public long deleteRawBefore(Instant cutoff, Collection<String> consumers) {
        Collection<String> all = new LinkedHashSet<>(consumers);
        all.add(RollupUpdater.WATERMARK);
        try (DuckDBConnection connection = readConnection()) {
            return RawRetention.delete(connection, EpochMicros.of(cutoff), all);
        } catch (SQLException e) {
            throw writeFailure("deleting raw samples before " + cutoff, e);
        }
    }

    /** Time of the oldest raw sample of {@code point} still in the store, empty if none. */
    public Optional<Instant> oldestRaw(PointId point) {
        try (DuckDBConnection reader = readConnection();
                var query = reader.prepareStatement("SELECT min(ts_us) FROM samples WHERE point = ?")) {
            query.setString(1, point.toString());
            try (var rows = query.executeQuery()) {
                rows.next();
                long micros = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(EpochMicros.toInstant(micros));
            }
        } catch (SQLException e) {
            throw new HistorianException("reading the oldest sample of " + point + " from " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Time of the oldest raw sample of each of {@code points} that has one (one query). */
    public Map<PointId, Instant> oldestRaw(Collection<PointId> points) {
        Map<PointId, Instant> out = new java.util.HashMap<>();
        if (points.isEmpty()) {
            return out;
        }
        Collection<PointId> list = distinct(points);
        try (DuckDBConnection reader = readConnection();
                var query = reader.prepareStatement("SELECT point, min(ts_us) FROM samples WHERE point IN ("
                        + PointList.placeholders(list.size()) + ") GROUP BY point")) {
            PointList.bind(query, 1, list);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    out.put(PointId.parse(rows.getString(1)), EpochMicros.toInstant(rows.getLong(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new HistorianException("reading the oldest samples of " + list.size() + " points from " + file
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The rollup watermark: every sample up to this seq is in the rollups (kept in memory, no disk read). */
    public long rollupWatermark() {
        return rollupWatermarkCache;
    }

    /** Checks the data volume now: true while it is below the low-space watermark and writing is held. */
    public boolean lowSpace() {
        return space.low();
    }

    /** Why writing is held for lack of space; empty while there is room (the last check's state). */
    public Optional<String> lowSpaceReason() {
        return space.reason();
    }

    /** What the start-up check found and recovered (clean on a healthy store). */
    public StoreCheck.Report openReport() {
        return openReport;
    }

    /**
     * Cancels the reads {@code thread} is running on this store (their connections are closed,
     * which interrupts DuckDB's query); the reading call ends with a {@link HistorianException}.
     */
    public void cancelReads(Thread thread) {
        readers.forEach((connection, owner) -> {
            if (owner == thread) {
                closeQuietly(connection);
            }
        });
    }

    /** The last commit failure of the writer while it is retrying, empty when the last commit worked. */
    public Optional<String> commitFailure() {
        return writer.commitFailure();
    }

    /**
     * Stops accepting samples, commits everything accepted so far, checkpoints the WAL into the
     * database file and closes it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.stop();
        scrub.stop();
        synchronized (dbLock) {
            boolean checkpointed = false;
            try {
                if (committer != null) {
                    committer.checkpoint();
                    checkpointed = true;
                }
            } catch (SQLException e) {
                log.warn("checkpoint of {} on close failed; DuckDB replays its WAL on the next open: {}", file, e.getMessage());
            }
            readers.keySet().forEach(DuckDbStore::closeQuietly);
            try (DuckDBConnection o = origin; DuckDBConnection w = writerConnection; BatchCommitter c = committer) {
                log.info("historian store {} closed: {}", file, writer.stats());
            } catch (SQLException e) {
                throw new HistorianException("closing " + file + " failed: " + e.getMessage(), e);
            } finally {
                origin = null;
                OPEN_FILES.remove(file);
            }
            if (checkpointed) {
                scrub.markClean();
            }
        }
    }

    /** The block check of this open (package-private, for tests). */
    BlockScrub blockCheck() {
        return scrub;
    }

    /** Damage the background block check found since open (the next start recovers it), empty while none. */
    public Optional<String> blockDamage() {
        return scrub.damage();
    }

    private DuckDBConnection readConnection() throws SQLException {
        // Each read gets its own connection: DuckDB connections are not for concurrent use, and
        // separate connections read committed data while the writer appends (MVCC).
        synchronized (dbLock) {
            if (origin == null || origin.isClosed()) {
                throw new SQLException("the store is closed or being reopened");
            }
            readers.keySet().removeIf(DuckDbStore::isClosedQuietly);
            DuckDBConnection connection = (DuckDBConnection) origin.duplicate();
            readers.put(connection, Thread.currentThread());
            return connection;
        }
    }

    private static boolean isClosedQuietly(DuckDBConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", closeable, e.getMessage());
        }
    }

    /** The writer's way into the database: the current committer, and recovery after a failed commit. */
    private final class Sink implements BatchWriter.BatchSink {

        @Override
        public Map<PointId, Sample> commit(List<Sample> batch, long firstSeq) throws SQLException {
            if (reopenWanted) {
                reopen();
                healthCheck(firstSeq);
            }
            BatchCommitter current;
            synchronized (dbLock) {
                current = committer;
            }
            if (current == null) {
                throw new SQLException("the store " + file + " is being reopened");
            }
            return current.commit(batch, firstSeq);
        }

        @Override
        public long recover(long firstSeq, SQLException failure) throws SQLException {
            if (ioFailure(failure)) {
                // DuckDB keeps in-memory state of a transaction whose commit failed on I/O (index
                // entries that make later inserts collide): only a new instance is clean. Reopened
                // just before the next attempt, which waits for room when the disk was full, so
                // reads go on undisturbed meanwhile.
                if (String.valueOf(failure.getMessage()).contains("No space left")) {
                    space.commitFailedForSpace();
                }
                reopenWanted = true;
                return firstSeq;
            }
            try {
                healthCheck(firstSeq);
                renewWriterConnection();
            } catch (SQLException | RuntimeException unhealthy) {
                log.warn("historian store {} failed its health check after a failed commit ({}); reopening it", file,
                        unhealthy.getMessage());
                reopen();
                healthCheck(firstSeq);
            }
            return firstSeq;
        }
    }

    /** The store answers, and no row of the failed batch (seq from {@code firstSeq} on) is in it. */
    private void healthCheck(long firstSeq) throws SQLException {
        try (DuckDBConnection connection = readConnection(); var statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("SELECT count(*) FROM samples WHERE seq >= " + firstSeq)) {
                rows.next();
                long stray = rows.getLong(1);
                if (stray > 0) {
                    // never reported as committed: whatever they hold, they go
                    log.warn("removing {} rows of a failed commit (seq >= {}) from {}", stray, firstSeq, file);
                    statement.execute("DELETE FROM samples WHERE seq >= " + firstSeq);
                }
            }
        }
    }

    /** A write failed for lack of space or another I/O error (not for its data). */
    static boolean ioFailure(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("Could not write") || message.contains("IO Error")
                || message.contains("invalidated") || message.contains("FATAL") || message.contains("Failed to commit");
    }

    private HistorianException writeFailure(String what, SQLException e) {
        if (ioFailure(e)) {
            reopenWanted = true;
            if (String.valueOf(e.getMessage()).contains("No space left")) {
                space.commitFailedForSpace();
            }
        }
        return new HistorianException(what + " in " + file + " failed: " + e.getMessage(), e);
    }

    /** A fresh writer connection and appender, so nothing of the failed attempt is reused. */
    private void renewWriterConnection() throws SQLException {
        synchronized (dbLock) {
            closeQuietly(committer);
            closeQuietly(writerConnection);
            committer = null;
            writerConnection = (DuckDBConnection) origin.duplicate();
            committer = new BatchCommitter(writerConnection);
        }
    }

    /**
     * Closes every connection of the database instance (interrupting reads) and opens the file
     * again: DuckDB invalidates an instance after some I/O errors, and a retry on it can write
     * garbage. Readers wait for the new instance or fail and retry.
     */
    private void reopen() throws SQLException {
        synchronized (dbLock) {
            readers.keySet().forEach(DuckDbStore::closeQuietly);
            readers.clear();
            closeQuietly(committer);
            closeQuietly(writerConnection);
            closeQuietly(origin);
            committer = null;
            writerConnection = null;
            origin = null;
            origin = connect(file, options);
            writerConnection = (DuckDBConnection) origin.duplicate();
            committer = new BatchCommitter(writerConnection);
            reopenWanted = false;
            try (var statement = writerConnection.createStatement();
                    var rows = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM watermarks WHERE name = '"
                            + RollupUpdater.WATERMARK + "'")) {
                rows.next();
                rollupWatermarkCache = rows.getLong(1);
            }
            log.info("historian store {} reopened", file);
        }
    }

    private void mergeLatest(Map<PointId, Sample> newest) {
        newest.forEach((point, sample) -> latest.merge(point, sample,
                (old, candidate) -> candidate.time().isBefore(old.time()) ? old : candidate));
    }
}
