package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.HistorianStats;
import io.wattline.historian.WritesHeldException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's single writer: a bounded queue that producers offer to without blocking, drained by
 * one thread into batches of up to N samples or T ms, each committed in one transaction.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    // Bounds how long the idle writer takes to notice a flush or close request.
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int CLOSE_COMMIT_ATTEMPTS = 3;

    private final Path file;
    private final HistorianOptions options;
    private final BatchSink sink;
    private final SpaceGuard space;
    private final Consumer<Map<PointId, Sample>> onCommitted;
    private final BlockingQueue<Sample> queue;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private final LongAdder offered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicInteger offersInFlight = new AtomicInteger();
    private volatile Instant lastCommit;
    private volatile boolean refusing;
    private volatile boolean drainAndStop;
    private volatile long nextSeq; // written by the writer thread only; read for lastSeq()
    private volatile String commitFailure; // null while commits work

    /**
     * @param firstSeq sequence number of the first sample this writer commits
     * @param onCommitted called on the writer thread after each commit with the newest sample of
     *     each point in the batch
     */
    BatchWriter(Path file, HistorianOptions options, BatchSink sink, SpaceGuard space, long firstSeq,
            Consumer<Map<PointId, Sample>> onCommitted) {
        this.file = file;
        this.options = options;
        this.sink = sink;
        this.space = space;
        this.nextSeq = firstSeq;
        this.onCommitted = onCommitted;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.thread = new Thread(this::run, "historian-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean offer(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        offered.increment();
        // Announce the offer before reading `refusing`: stop() sets `refusing` and then waits for
        // announced offers, so every accepted sample is queued before the final drain.
        offersInFlight.incrementAndGet();
        try {
            if (!refusing && queue.offer(sample)) {
                return true;
            }
        } finally {
            offersInFlight.decrementAndGet();
        }
        dropped.increment();
        return false;
    }

    /**
     * Waits until everything accepted before this call is committed (or given up on an orderly
     * stop); fails at once with a {@link HistorianException} naming the reason while writing is held
     * for lack of space.
     */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushRequests.add(done);
        try {
            // The thread answers every request it takes, also in its final drain; a request that
            // arrives after that finds the thread gone.
            while (!done.isDone()) {
                try {
                    done.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (space.wasLow() && !drainAndStop) {
                        // an import or entry waiting on a full disk would hang: say why at once
                        // (what is queued stays queued and is committed when space returns)
                        throw new WritesHeldException("flush of " + file + " cannot complete now: "
                                + space.reason().orElse("low disk space"));
                    }
                    if (!thread.isAlive() && !done.isDone()) {
                        if (drainAndStop) {
                            return; // orderly stop: the final drain committed everything accepted
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

    /** Refuses further offers, commits everything accepted, and waits for the thread to end. */
    void stop() {
        refusing = true;
        while (offersInFlight.get() > 0) {
            Thread.onSpinWait();
        }
        drainAndStop = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: returning now would close the store under the writer
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    HistorianStats stats() {
        return new HistorianStats(offered.sum(), committed.get(), dropped.sum(), queue.size(), lastCommit);
    }

    java.util.Optional<String> commitFailure() {
        return java.util.Optional.ofNullable(commitFailure);
    }

    long nextSeq() {
        return nextSeq;
    }

    private void run() {
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
            // Nothing interrupts this thread on purpose; commit what is held and stop.
            log.error("historian writer of {} interrupted; committing {} held samples and stopping",
                    file, queue.size() + batch.size());
            queue.drainTo(batch);
            commitWithRetry(batch, true);
        } catch (RuntimeException | Error e) {
            log.error("historian writer of {} failed; {} held samples will not be committed",
                    file, queue.size() + batch.size(), e);
            throw e;
        } finally {
            takeFlushRequests().forEach(f -> f.completeExceptionally(
                    new HistorianException("the historian writer of " + file + " stopped")));
        }
    }

    /**
     * Commits {@code count} queued samples in one transaction (what a flush or the close asked for, at most the queue's
     * capacity, which bounds the transaction): a flush waits for them anyway, and ten commits of
     * {@code batchMaxSamples} cost more than one of them all (issue 14's import flushes 100,000 a batch: 5 % faster in
     * alternating runs). What arrives meanwhile is left to the next.
     */
    private void commitQueued(int count, List<Sample> batch, boolean stopping) {
        int left = count;
        while (left > 0) {
            int taken = queue.drainTo(batch, left);
            if (taken == 0) {
                return;
            }
            left -= taken;
            commitWithRetry(batch, stopping);
            batch.clear();
        }
    }

    /**
     * Commits {@code batch}, retrying with backoff; gives up (counting the loss) only while stopping.
     * The batch is the writer's own list of samples: a retry appends them afresh through a new
     * appender, never from anything DuckDB held for the failed attempt. Below the low-space
     * watermark nothing is attempted until space returns (except the final commits of a close,
     * which may use the reserve the watermark kept).
     */
    private void commitWithRetry(List<Sample> batch, boolean stopping) {
        if (batch.isEmpty()) {
            return;
        }
        long backoffMillis = 100;
        boolean heldForSpace = false;
        for (int attempt = 1; ; attempt++) {
            if (!stopping && !drainAndStop && space.low()) {
                if (!heldForSpace) {
                    heldForSpace = true;
                    log.warn("{}; {} samples held", space.reason().orElse("low disk space"), batch.size() + queue.size());
                }
                attempt--;
                if (sleepInterrupted(250)) {
                    stopping = true;
                }
                continue;
            }
            if (heldForSpace) {
                heldForSpace = false;
                log.info("space on the data volume of {} is back; writing resumes with {} held samples", file,
                        batch.size() + queue.size());
            }
            try {
                Map<PointId, Sample> newest = sink.commit(batch, nextSeq);
                nextSeq += batch.size();
                commitFailure = null;
                onCommitted.accept(newest);
                committed.addAndGet(batch.size());
                lastCommit = Instant.now();
                return;
            } catch (SQLException e) {
                commitFailure = "commit of " + batch.size() + " samples to " + file + " failing since attempt " + attempt
                        + ": " + e.getMessage();
                if ((stopping || drainAndStop) && attempt >= CLOSE_COMMIT_ATTEMPTS) {
                    log.error("giving up on {} samples for {} after {} failed commits while closing: {}",
                            batch.size(), file, attempt, e.getMessage());
                    dropped.add(batch.size());
                    return;
                }
                if (attempt == 1) {
                    log.error("commit of {} samples to {} failed, retrying in {} ms", batch.size(), file, backoffMillis, e);
                } else {
                    log.error("commit of {} samples to {} failed again (attempt {}), retrying in {} ms: {}",
                            batch.size(), file, attempt, backoffMillis, e.getMessage());
                }
                if (sleepInterrupted(backoffMillis)) {
                    stopping = true;
                }
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
                try {
                    // Health check before the retry: the store is usable (reopened if DuckDB gave up
                    // on it) and holds no trace of the failed batch.
                    nextSeq = sink.recover(nextSeq, e);
                } catch (SQLException | RuntimeException recoveryFailure) {
                    log.warn("the historian store {} is not usable yet, checking again before the next attempt: {}",
                            file, recoveryFailure.getMessage());
                }
            }
        }
    }

    private static boolean sleepInterrupted(long millis) {
        try {
            Thread.sleep(millis);
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Where batches go: the store's current connection, replaceable after a failure. */
    interface BatchSink {

        /** Appends the batch with seqs from {@code firstSeq}, all or nothing; the newest sample per point. */
        Map<PointId, Sample> commit(List<Sample> batch, long firstSeq) throws SQLException;

        /**
         * After a failed commit: checks the store on a fresh connection (reopening the database if
         * DuckDB invalidated it), removes any row of the failed batch, and returns the seq the
         * next attempt starts at.
         */
        long recover(long firstSeq, SQLException failure) throws SQLException;
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
