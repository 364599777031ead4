package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Bucket;
import io.wattline.historian.CommittedSamples;
import io.wattline.historian.DataChanges;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.HistorianStats;
import io.wattline.historian.SampleWriter;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import io.wattline.historian.StoredSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
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
    private final DuckDBConnection origin;
    private final DuckDBConnection writerConnection;
    private final BatchCommitter committer;
    private final BatchWriter writer;
    // The latest table mirrored in memory, so the UI's most frequent query touches no disk.
    private final ConcurrentHashMap<PointId, Sample> latest;
    // The points dictionary (id -> point) as far as readers have needed it; ids never change.
    private final Map<Integer, PointId> pointIds = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private boolean closed; // guarded by lifecycle

    private DuckDbStore(Path file, HistorianOptions options, DuckDBConnection origin) throws SQLException {
        this.file = file;
        this.origin = origin;
        SchemaMigration.migrate(origin, file);
        this.writerConnection = (DuckDBConnection) origin.duplicate();
        try {
            this.committer = new BatchCommitter(writerConnection);
            this.latest = new ConcurrentHashMap<>(SampleRows.latest(writerConnection));
            this.writer = new BatchWriter(file, options, committer, SampleRows.nextSeq(writerConnection), this::mergeLatest);
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
            DuckDBConnection origin = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            try {
                DuckDbStore store = new DuckDbStore(file, options, origin);
                store.writer.start();
                log.info("historian store {} open: {} points, next seq {}", file, store.latest.size(), store.writer.nextSeq());
                return store;
            } catch (SQLException | RuntimeException e) {
                closeAfterFailure(origin, e);
                throw e;
            }
        } catch (SQLException e) {
            OPEN_FILES.remove(file);
            throw openFailure(file, e);
        } catch (RuntimeException e) {
            OPEN_FILES.remove(file);
            throw e;
        }
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
            try (java.sql.ResultSet rs = q.executeQuery()) {
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
            throw new HistorianException("storing the watermark " + consumer + "=" + seq + " in " + file + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Folds up to {@code maxSamples} committed samples into the rollups (one transaction).
     *
     * @return the rollup watermark afterwards: every sample with a seq up to it is in the rollups
     */
    public long rollUp(int maxSamples) {
        try (DuckDBConnection connection = readConnection()) {
            return RollupUpdater.step(connection, maxSamples);
        } catch (SQLException e) {
            throw new HistorianException("rolling up samples in " + file + " failed: " + e.getMessage(), e);
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
            throw new HistorianException("deleting raw samples before " + cutoff + " from " + file + " failed: "
                    + e.getMessage(), e);
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

    /** The rollup watermark: every sample up to this seq is in the rollups. */
    public long rollupWatermark() {
        return watermark(RollupUpdater.WATERMARK);
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
        try {
            committer.checkpoint();
        } catch (SQLException e) {
            log.warn("checkpoint of {} on close failed; DuckDB replays its WAL on the next open: {}", file, e.getMessage());
        }
        synchronized (origin) {
            try (DuckDBConnection o = origin; DuckDBConnection w = writerConnection; BatchCommitter c = committer) {
                log.info("historian store {} closed: {}", file, writer.stats());
            } catch (SQLException e) {
                throw new HistorianException("closing " + file + " failed: " + e.getMessage(), e);
            } finally {
                OPEN_FILES.remove(file);
            }
        }
    }

    private DuckDBConnection readConnection() throws SQLException {
        // Each read gets its own connection: DuckDB connections are not for concurrent use, and
        // separate connections read committed data while the writer appends (MVCC).
        synchronized (origin) {
            if (origin.isClosed()) {
                throw new SQLException("the store is closed");
            }
            return (DuckDBConnection) origin.duplicate();
        }
    }

    private void mergeLatest(Map<PointId, Sample> newest) {
        newest.forEach((point, sample) -> latest.merge(point, sample,
                (old, candidate) -> candidate.time().isBefore(old.time()) ? old : candidate));
    }
}
