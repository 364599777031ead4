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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int CLOSE_COMMIT_ATTEMPTS = 3;
    // DuckDB's lock is per process (fcntl), so a second open in the same JVM would not be refused
    // by DuckDB itself; this set refuses it.
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final HistorianOptions options;
    private final DuckDBConnection origin;
    private final DuckDBConnection writerConnection;
    private final BatchCommitter committer;
    private final BlockingQueue<Sample> queue;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<PointId, Sample> latest;
    private final Thread writer;

    private final LongAdder offered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicInteger offersInFlight = new AtomicInteger();
    private volatile Instant lastCommit;
    private volatile boolean closing;
    private volatile boolean drainAndStop;
    private volatile boolean closed;
    private boolean connectionsClosed; // guarded by origin
    private long nextSeq;

    private DuckDbStore(Path file, HistorianOptions options, DuckDBConnection origin) throws SQLException {
        this.file = file;
        this.options = options;
        this.origin = origin;
        SchemaMigration.migrate(origin, file);
        this.writerConnection = (DuckDBConnection) origin.duplicate();
        this.committer = new BatchCommitter(writerConnection);
        this.nextSeq = SampleRows.nextSeq(writerConnection);
        this.latest = new ConcurrentHashMap<>(SampleRows.latest(writerConnection));
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new Thread(this::runWriter, "historian-writer");
        this.writer.setDaemon(true);
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
                log.info("historian store {} open: {} points, next seq {}", file, store.latest.size(), store.nextSeq);
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
        Objects.requireNonNull(sample, "sample");
        offered.increment();
        // Announce the offer before checking `closing`; close() sets `closing` and then waits for
        // announced offers, so every accepted sample is in the queue before the final drain.
        offersInFlight.incrementAndGet();
        try {
            if (!closing && queue.offer(sample)) {
                return true;
            }
        } finally {
            offersInFlight.decrementAndGet();
        }
        dropped.increment();
        return false;
    }

    @Override
    public void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushRequests.add(done);
        try {
            // The writer answers every request it takes, including after its final drain on close;
            // a request that arrives after that finds the writer stopped.
            while (!done.isDone()) {
                try {
                    done.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!writer.isAlive() && !done.isDone()) {
                        if (closed) {
                            return; // orderly close: the final drain committed everything accepted
                        }
                        throw new HistorianException("the historian writer of " + file
                                + " is not running; queued samples cannot be committed");
                    }
                }
            }
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistorianException("interrupted while flushing " + file, e);
        } catch (ExecutionException e) {
            throw new HistorianException("flush of " + file + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Counters since open, for status pages and metrics; cheap enough to poll every second. */
    public HistorianStats stats() {
        return new HistorianStats(offered.sum(), committed.get(), dropped.sum(), queue.size(), lastCommit);
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
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing = true;
        while (offersInFlight.get() > 0) {
            Thread.onSpinWait();
        }
        drainAndStop = true;
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish closing anyway: leaving the writer running would lose samples
            }
        }
        try {
            committer.checkpoint();
        } catch (SQLException e) {
            log.warn("checkpoint of {} on close failed; DuckDB replays its WAL on the next open: {}", file, e.getMessage());
        }
        try {
            closeConnections();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeConnections() {
        synchronized (origin) {
            connectionsClosed = true;
            try (DuckDBConnection o = origin; DuckDBConnection w = writerConnection; BatchCommitter c = committer) {
                log.info("historian store {} closed: {}", file, stats());
            } catch (SQLException e) {
                throw new HistorianException("closing " + file + " failed: " + e.getMessage(), e);
            } finally {
                OPEN_FILES.remove(file);
            }
        }
    }

    private DuckDBConnection readConnection() throws SQLException {
        synchronized (origin) {
            if (connectionsClosed) {
                throw new SQLException("the store is closed");
            }
            return (DuckDBConnection) origin.duplicate();
        }
    }

    // ---- writer thread ------------------------------------------------------------------------

    private void runWriter() {
        List<Sample> batch = new ArrayList<>(Math.min(options.batchMaxSamples(), options.queueCapacity()));
        long maxDelayNanos = options.batchMaxDelay().toNanos();
        try {
            while (true) {
                List<CompletableFuture<Void>> flushes = takeFlushRequests();
                boolean stopping = drainAndStop;
                if (stopping || !flushes.isEmpty()) {
                    // Only what is queued now: a flush must not chase samples offered after it.
                    commitQueued(stopping ? Integer.MAX_VALUE : queue.size(), batch, stopping);
                    flushes.forEach(f -> f.complete(null));
                    if (stopping) {
                        takeFlushRequests().forEach(f -> f.complete(null));
                        return;
                    }
                    continue;
                }
                Sample first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelayNanos;
                while (batch.size() < options.batchMaxSamples() && flushRequests.isEmpty() && !drainAndStop) {
                    queue.drainTo(batch, options.batchMaxSamples() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= options.batchMaxSamples() || left <= 0) {
                        break;
                    }
                    Sample next = queue.poll(Math.min(left, IDLE_POLL_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                commitWithRetry(batch, false);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // Nothing interrupts this thread on purpose; commit what we hold and let close() find it stopped.
            log.error("historian writer of {} interrupted; committing {} queued samples and stopping", file, queue.size() + batch.size());
            queue.drainTo(batch);
            commitWithRetry(batch, true);
        } catch (RuntimeException | Error e) {
            log.error("historian writer of {} failed; {} samples queued will not be committed", file, queue.size() + batch.size(), e);
            throw e;
        } finally {
            takeFlushRequests().forEach(f -> f.completeExceptionally(new HistorianException("historian writer of " + file + " stopped")));
        }
    }

    private void commitQueued(int count, List<Sample> batch, boolean stopping) throws InterruptedException {
        int left = count;
        while (left > 0) {
            int taken = queue.drainTo(batch, Math.min(left, options.batchMaxSamples()));
            if (taken == 0) {
                return;
            }
            left -= taken;
            commitWithRetry(batch, stopping);
            batch.clear();
        }
    }

    /** Commits {@code batch}; a failed commit is retried with backoff, and given up only while closing. */
    private void commitWithRetry(List<Sample> batch, boolean stopping) {
        if (batch.isEmpty()) {
            return;
        }
        long backoffMillis = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                Map<PointId, Sample> newest = committer.commit(batch, nextSeq);
                nextSeq += batch.size();
                newest.forEach((point, sample) -> latest.merge(point, sample,
                        (old, candidate) -> candidate.time().isBefore(old.time()) ? old : candidate));
                committed.addAndGet(batch.size());
                lastCommit = Instant.now();
                return;
            } catch (SQLException e) {
                if ((stopping || drainAndStop) && attempt >= CLOSE_COMMIT_ATTEMPTS) {
                    log.error("giving up on {} samples for {} after {} failed commits while closing: {}",
                            batch.size(), file, attempt, e.getMessage());
                    dropped.add(batch.size());
                    return;
                }
                log.error("commit of {} samples to {} failed (attempt {}), retrying in {} ms: {}",
                        batch.size(), file, attempt, backoffMillis, e.getMessage());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private List<CompletableFuture<Void>> takeFlushRequests() {
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        CompletableFuture<Void> request;
        while ((request = flushRequests.poll()) != null) {
            taken.add(request);
        }
        return taken;
    }
}
