package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.HistorianStats;
import io.wattline.historian.SampleWriter;
import io.wattline.historian.SeriesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on local store: {@code <data>/wattline.duckdb}, written by one thread in batched
 * transactions from a bounded queue, read through separate connections while it writes.
 */
public final class DuckDbStore implements SampleWriter, SeriesReader, AutoCloseable {

    public static final String FILE_NAME = "wattline.duckdb";

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
