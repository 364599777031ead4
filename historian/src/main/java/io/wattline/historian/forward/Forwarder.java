package io.wattline.historian.forward;

import io.wattline.historian.CommittedSamples;
import io.wattline.historian.ForwarderStatus;
import io.wattline.historian.StoredSample;
import io.wattline.historian.SystemAlarm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships committed samples to a time-series database in seq order, in batches, and stores its
 * watermark in the local store after each confirmed batch. Network and server errors are retried
 * with exponential backoff, without end; a batch the target refuses for its content is split in
 * halves until the refused lines are found, which go to the quarantine file and raise an alarm.
 * After a crash it resends from the stored watermark, which the target overwrites harmlessly.
 */
public final class Forwarder implements AutoCloseable {

    /** Alarm codes this forwarder raises. */
    public static final String ALARM_UNREACHABLE = "FORWARDER_TARGET_FAILING";
    public static final String ALARM_QUARANTINED = "FORWARDER_LINES_QUARANTINED";
    public static final String ALARM_LOCAL_READ = "FORWARDER_LOCAL_READ_FAILING";

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    private static final int MAX_REASON_CHARS = 500;

    private final CommittedSamples source;
    private final String consumer;
    private final LineProtocol protocol;
    private final LineWriter target;
    private final QuarantineFile quarantine;
    private final ForwarderOptions options;
    private final Clock clock;
    private final Thread thread;
    private final ExecutorService prefetch;
    private final Map<String, SystemAlarm> alarms = new ConcurrentHashMap<>();
    private final RateWindow rate = new RateWindow();

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile long watermark;
    private volatile long storedWatermark;
    private volatile Instant oldestPending;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean retrying;
    private volatile boolean running = true;
    // Where the forwarding thread's time goes (logged on close): waiting for the next batch to be
    // read and prepared, sending, storing the watermark.
    private long readWaitNanos;
    private long sendNanos;
    private long storeNanos;
    // and where the reading side's goes: the local read, encoding lines, preparing the body (gzip)
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();
    private final AtomicLong prepareNanos = new AtomicLong();

    /**
     * @param consumer name of this forwarder's watermark in the store, e.g. {@code forward:influx}
     */
    public Forwarder(CommittedSamples source, String consumer, LineProtocol protocol, LineWriter target,
            QuarantineFile quarantine, ForwarderOptions options, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.target = Objects.requireNonNull(target, "target");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::run, "historian-forwarder");
        this.thread.setDaemon(true);
        this.prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "historian-forwarder-read");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the stored watermark and starts shipping. */
    public void start() {
        watermark = source.watermark(consumer);
        storedWatermark = watermark;
        log.info("forwarder to {} starting after seq {} ({} samples waiting)", target.target(), watermark,
                Math.max(0, source.lastSeq() - watermark));
        thread.start();
    }

    /** The name of this forwarder's watermark in the store. */
    public String consumer() {
        return consumer;
    }

    /** Highest seq the target has confirmed. */
    public long watermark() {
        return watermark;
    }

    /** Waits until the target has confirmed every sample up to {@code seq}; false on timeout. */
    public boolean awaitForwarded(long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watermark < seq) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public ForwarderStatus status() {
        Instant now = clock.instant();
        long depth = Math.max(0, source.lastSeq() - watermark);
        Instant pending = oldestPending;
        double lag = depth == 0 || pending == null ? 0 : Math.max(0, Duration.between(pending, now).toMillis() / 1000.0);
        return new ForwarderStatus(target.target(), running ? (retrying ? "retrying" : "forwarding") : "stopped",
                watermark, depth, lag, forwarded.get(), rate.perSecond(forwarded.get(), System.nanoTime()),
                requests.get(), quarantined.get(), lastSuccess, lastError, lastErrorAt);
    }

    /** Active alarms of this forwarder. */
    public List<SystemAlarm> alarms() {
        return List.copyOf(alarms.values());
    }

    private void run() {
        long storedAtNanos = System.nanoTime();
        CompletableFuture<Batch> next = null;
        long backoff = options.initialBackoff().toMillis();
        while (running) {
            Batch batch;
            try {
                long waitStarted = System.nanoTime();
                batch = next != null ? next.join() : read(watermark);
                readWaitNanos += System.nanoTime() - waitStarted;
                next = null;
                clear(ALARM_LOCAL_READ);
                backoff = options.initialBackoff().toMillis();
            } catch (RuntimeException e) {
                next = null;
                failed("reading the local store after seq " + watermark + " failed: " + rootMessage(e));
                raise(ALARM_LOCAL_READ, "the forwarder cannot read the local store: " + rootMessage(e));
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
                continue;
            }
            if (batch.samples() == 0) {
                oldestPending = null;
                if (watermark > storedWatermark) {
                    storeWatermark(watermark);
                }
                if (!pause(options.idlePoll().toMillis())) {
                    break;
                }
                continue;
            }
            oldestPending = batch.oldest();
            long after = batch.lastSeq();
            // Read and encode the next batch while this one is on the wire.
            next = CompletableFuture.supplyAsync(() -> read(after), prefetch);
            long sendStarted = System.nanoTime();
            if (!deliver(batch.prepared())) {
                break; // stopping: the watermark stays, the batch is resent next time
            }
            sendNanos += System.nanoTime() - sendStarted;
            watermark = after;
            forwarded.addAndGet(batch.samples());
            lastSuccess = clock.instant();
            // Persisted at most every watermarkInterval (and when caught up or stopping): each store
            // is a DuckDB commit, and after a crash resending a second's worth of lines is harmless.
            if (System.nanoTime() - storedAtNanos >= options.watermarkInterval().toNanos() || batch.samples() < options.batchSamples()) {
                long storeStarted = System.nanoTime();
                storeWatermark(after);
                storedAtNanos = System.nanoTime();
                storeNanos += storedAtNanos - storeStarted;
            }
        }
        if (next != null) {
            next.cancel(true);
        }
        if (watermark > storedWatermark) {
            storeWatermark(watermark);
        }
    }

    private Batch read(long after) {
        long t0 = System.nanoTime();
        List<StoredSample> samples = source.after(after, options.batchSamples());
        long t1 = System.nanoTime();
        if (samples.isEmpty()) {
            return new Batch(null, 0, after, null);
        }
        List<String> lines = protocol.encode(samples);
        long t2 = System.nanoTime();
        LineBatch prepared = prepare(lines);
        long t3 = System.nanoTime();
        readNanos.addAndGet(t1 - t0);
        encodeNanos.addAndGet(t2 - t1);
        prepareNanos.addAndGet(t3 - t2);
        return new Batch(prepared, samples.size(), samples.get(samples.size() - 1).seq(), samples.get(0).sample().time());
    }

    private LineBatch prepare(List<String> lines) {
        try {
            return target.prepare(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + lines.size() + " lines for " + target.target() + " failed", e);
        }
    }

    /** Sends {@code batch}, splitting on content refusals; false only when stopped mid-way. */
    private boolean deliver(LineBatch batch) {
        List<LineBatch> work = new ArrayList<>();
        work.add(batch);
        while (!work.isEmpty()) {
            LineBatch part = work.remove(work.size() - 1);
            LinesRejectedException refused;
            try {
                refused = writeWithRetry(part);
            } catch (InterruptedException e) {
                return false;
            }
            if (refused == null) {
                continue;
            }
            List<String> lines = part.lines();
            if (lines.size() == 1) {
                quarantine(lines.get(0), refused);
            } else {
                // Halves in order: the later half first onto the stack so the earlier one goes first.
                int half = lines.size() / 2;
                work.add(prepare(lines.subList(half, lines.size())));
                work.add(prepare(lines.subList(0, half)));
            }
        }
        return true;
    }

    /**
     * Writes until the target accepts or refuses the content.
     *
     * @return null when accepted, the refusal when the target rejected the data
     */
    private LinesRejectedException writeWithRetry(LineBatch lines) throws InterruptedException {
        long backoff = options.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            if (!running) {
                throw new InterruptedException("forwarder stopping");
            }
            try {
                requests.incrementAndGet();
                target.write(lines);
                if (retrying) {
                    log.info("forwarder to {} recovered after {} attempts", target.target(), attempt);
                }
                retrying = false;
                clear(ALARM_UNREACHABLE);
                return null;
            } catch (LinesRejectedException e) {
                if (e.dataRejected()) {
                    retrying = false;
                    clear(ALARM_UNREACHABLE);
                    return e;
                }
                retryLater(attempt, backoff, e.getMessage() + " (not a data error: check URL, database and credentials)");
            } catch (IOException e) {
                retryLater(attempt, backoff, rootMessage(e));
            }
            if (!pause(backoff)) {
                throw new InterruptedException("forwarder stopping");
            }
            backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
        }
    }

    private void retryLater(int attempt, long backoffMillis, String why) {
        retrying = true;
        failed("write to " + target.target() + " failed (attempt " + attempt + "): " + why);
        raise(ALARM_UNREACHABLE, "writes to " + target.target() + " are failing; samples wait in the local store: " + why);
        if (attempt == 1) {
            log.warn("write to {} failed, retrying with backoff from {} ms: {}", target.target(), backoffMillis, why);
        } else {
            log.debug("write to {} failed again (attempt {}): {}", target.target(), attempt, why);
        }
    }

    private void quarantine(String line, LinesRejectedException refusal) {
        String reason = refusal.getMessage();
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "...";
        }
        long total = quarantined.incrementAndGet();
        failed("line refused by " + target.target() + ": " + reason);
        try {
            var file = quarantine.add(line, refusal.status(), reason, clock.instant());
            log.warn("quarantined a line refused by {} to {}: {}", target.target(), file, reason);
            raise(ALARM_QUARANTINED, total + " line(s) refused by " + target.target() + " were quarantined under "
                    + quarantine.directory() + "; last reason: " + reason);
        } catch (IOException e) {
            // The line is still in the local store (raw until retention, rollups forever); losing the
            // quarantine copy must not stop forwarding.
            log.error("could not write the refused line to {}: {}; line: {}", quarantine.directory(), e, line);
            raise(ALARM_QUARANTINED, "a line refused by " + target.target() + " could not be quarantined ("
                    + e.getMessage() + "); reason: " + reason);
        }
    }

    private void storeWatermark(long seq) {
        long backoff = options.initialBackoff().toMillis();
        for (int attempt = 1; running || attempt <= 3; attempt++) {
            try {
                source.storeWatermark(consumer, seq);
                storedWatermark = seq;
                clear(ALARM_LOCAL_READ);
                return;
            } catch (RuntimeException e) {
                // Resending this batch after a crash is harmless, but keep trying to record it.
                failed("storing watermark " + seq + " failed: " + rootMessage(e));
                raise(ALARM_LOCAL_READ, "the forwarder cannot store its watermark: " + rootMessage(e));
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
            }
        }
    }

    private void failed(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
    }

    private void raise(String code, String message) {
        alarms.compute(code, (c, old) -> new SystemAlarm(code, message, old == null ? clock.instant() : old.since()));
    }

    private void clear(String code) {
        if (alarms.remove(code) != null) {
            log.info("alarm {} cleared", code);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Stops after the request in flight (its batch is resent next start) and waits for the thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prefetch.shutdownNow();
        log.info("forwarder to {} stopped at seq {}; time waiting for reads {} ms, sending {} ms, storing watermarks {} ms;"
                + " reading {} ms, encoding {} ms, compressing {} ms", target.target(), watermark, readWaitNanos / 1_000_000,
                sendNanos / 1_000_000, storeNanos / 1_000_000, readNanos.get() / 1_000_000, encodeNanos.get() / 1_000_000,
                prepareNanos.get() / 1_000_000);
    }

    private record Batch(LineBatch prepared, int samples, long lastSeq, Instant oldest) {
    }
}
