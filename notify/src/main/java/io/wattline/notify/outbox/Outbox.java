package io.wattline.notify.outbox;

import static io.wattline.notify.outbox.OutboxEntry.instant;
import static io.wattline.notify.outbox.OutboxEntry.millis;

import io.wattline.core.notification.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: every SMS is recorded on disk before {@link #enqueue} returns, every hand-over
 * to a transport is recorded before it starts and its outcome after it ends, so a restart loses no
 * message and resends only one that was being handed over at the very moment of the crash (marked
 * {@code resentAfterCrash}). Messages with a key already seen are not queued again. Each message's
 * {@link DeliveryRecord} can be asked for; finished ones are kept for {@link #RETENTION}.
 */
public final class Outbox implements AutoCloseable {

    public static final Duration RETENTION = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Comparator<OutboxEntry> DUE = Comparator.comparing((OutboxEntry e) -> e.nextAt)
            .thenComparingLong(e -> e.id);

    private final RecordLog log;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Map<Long, OutboxEntry> entries = new HashMap<>();
    private final Map<String, OutboxEntry> byKey = new HashMap<>();
    private final Map<String, OutboxEntry> byProviderId = new HashMap<>();
    private final TreeSet<OutboxEntry> queued = new TreeSet<>(DUE);
    /** Receipts that came before the transport finished handing over every part of their message. */
    private final Map<String, String[]> earlyReceipts = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > 10_000;
        }
    };
    private long lastId;

    private Outbox(RecordLog log, RetryPolicy retry, Clock clock) {
        this.log = log;
        this.retry = retry;
        this.clock = clock;
    }

    /** Opens (or creates) the outbox in {@code directory}, replays it and requeues what was in flight. */
    public static Outbox open(Path directory, RetryPolicy retry, Clock clock) throws IOException {
        Outbox o = new Outbox(new RecordLog(directory.resolve("outbox.log")), retry, clock);
        o.replay();
        return o;
    }

    public synchronized long enqueue(OutgoingMessage m) {
        OutboxEntry known = byKey.get(m.dedupKey());
        if (known != null) {
            return known.id;
        }
        OutboxEntry e = new OutboxEntry(++lastId, clock.instant(), m);
        write("Q", Long.toString(e.id), millis(e.created), m.dedupKey(), m.to(), String.join(",", m.channels()),
                OutboxEntry.join(m.alarmIds()), m.text());
        index(e);
        notifyAll();
        compactWhenLong();
        return e.id;
    }

    public synchronized Optional<DeliveryRecord> status(long id) {
        return Optional.ofNullable(entries.get(id)).map(OutboxEntry::record);
    }

    public synchronized Optional<DeliveryRecord> byKey(String dedupKey) {
        return Optional.ofNullable(byKey.get(dedupKey)).map(OutboxEntry::record);
    }

    /** The newest messages first, at most {@code limit}. */
    public synchronized List<DeliveryRecord> recent(int limit) {
        return entries.values().stream().sorted(Comparator.comparingLong((OutboxEntry e) -> e.id).reversed())
                .limit(limit).map(OutboxEntry::record).toList();
    }

    /**
     * True when an SMS about {@code alarmId} for {@code phone} (as the outbox was given it) was taken
     * by a transport.
     */
    public synchronized boolean notified(String phone, long alarmId) {
        return entries.values().stream().anyMatch(e -> e.message.to().equals(phone)
                && (e.status == DeliveryStatus.SUBMITTED || e.status == DeliveryStatus.DELIVERED
                        || e.status == DeliveryStatus.UNDELIVERED)
                && e.message.alarmIds().contains(alarmId));
    }

    /** Messages waiting or in flight. */
    public synchronized int pending() {
        return (int) entries.values().stream().filter(e -> !e.status.finished()
                && e.status != DeliveryStatus.SUBMITTED).count();
    }

    /**
     * The next message due on {@code channel}, now marked as being sent (recorded first), or empty
     * after waiting up to {@code maxWait} for one.
     */
    synchronized Optional<Claim> claim(String channel, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Instant now = clock.instant();
            Instant earliest = null;
            for (OutboxEntry e : queued) {
                if (!e.channel().equals(channel)) {
                    continue;
                }
                if (e.nextAt.isAfter(now)) {
                    earliest = earliest == null || e.nextAt.isBefore(earliest) ? e.nextAt : earliest;
                    continue;
                }
                queued.remove(e);
                write("A", Long.toString(e.id), millis(now));
                e.status = DeliveryStatus.SENDING;
                e.attempts++;
                e.attemptsOnChannel++;
                e.updated = now;
                return Optional.of(new Claim(e.id, e.message.to(), e.message.text()));
            }
            long left = deadline - System.nanoTime();
            if (earliest != null) {
                left = Math.min(left, Duration.between(now, earliest).toNanos());
            }
            if (deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
            long waitMillis = Math.max(1, left / 1_000_000);
            wait(waitMillis);
        }
    }

    /** A message handed to a dispatcher to send. */
    record Claim(long id, String to, String text) {
    }

    synchronized void submitted(long id, List<String> providerIds) {
        OutboxEntry e = entries.get(id);
        write("S", Long.toString(id), millis(clock.instant()), String.join(",", providerIds));
        applySubmitted(e, providerIds, clock.instant());
        for (String p : providerIds) {
            String[] early = earlyReceipts.remove(e.channel() + ":" + p);
            if (early != null) {
                receipt(e.channel(), p, "1".equals(early[0]), early[1]);
            }
        }
        compactWhenLong();
    }

    /** A transport did not take the message: retry later, try the next channel, or give up. */
    synchronized void failed(long id, String error, boolean permanent) {
        OutboxEntry e = entries.get(id);
        Instant now = clock.instant();
        int channel = e.channelIndex;
        Instant next = now.plus(retry.delayAfter(e.attemptsOnChannel));
        if (permanent || e.attemptsOnChannel >= retry.maxAttempts()) {
            if (channel + 1 >= e.message.channels().size()) {
                write("F", Long.toString(id), millis(now), error);
                e.status = DeliveryStatus.FAILED;
                e.lastError = error;
                e.updated = now;
                LOG.warn("SMS {} failed for good after {} attempts: {}", id, e.attempts, error);
                return;
            }
            channel++;
            next = now;
        }
        write("R", Long.toString(id), millis(now), Integer.toString(channel), millis(next), error);
        applyRetry(e, channel, next, error, now);
        notifyAll();
    }

    /** A delivery receipt for a part, by the transport's id for it. */
    public synchronized void receipt(String channel, String providerId, boolean delivered, String detail) {
        OutboxEntry e = byProviderId.get(channel + ":" + providerId);
        if (e == null) {
            LOG.debug("receipt for a message not (yet) known: {} on {} ({})", providerId, channel, detail);
            earlyReceipts.put(channel + ":" + providerId, new String[] {delivered ? "1" : "0", detail});
            return;
        }
        write("D", Long.toString(e.id), millis(clock.instant()), providerId, delivered ? "1" : "0", detail);
        e.applyReceipt(providerId, delivered);
        e.lastError = delivered ? e.lastError : detail;
        e.updated = clock.instant();
        compactWhenLong();
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }

    private void applySubmitted(OutboxEntry e, List<String> providerIds, Instant now) {
        e.status = DeliveryStatus.SUBMITTED;
        e.providerIds = List.copyOf(providerIds);
        e.updated = now;
        providerIds.forEach(p -> byProviderId.put(e.channel() + ":" + p, e));
    }

    private void applyRetry(OutboxEntry e, int channel, Instant next, String error, Instant now) {
        if (channel != e.channelIndex) {
            e.attemptsOnChannel = 0;
        }
        queued.remove(e);
        e.channelIndex = channel;
        e.status = DeliveryStatus.QUEUED;
        e.nextAt = next;
        e.lastError = error;
        e.updated = now;
        queued.add(e);
    }

    private void index(OutboxEntry e) {
        entries.put(e.id, e);
        byKey.put(e.message.dedupKey(), e);
        lastId = Math.max(lastId, e.id);
        if (e.status == DeliveryStatus.QUEUED) {
            queued.add(e);
        }
        e.providerIds.forEach(p -> byProviderId.put(e.channel() + ":" + p, e));
    }

    private void write(String... fields) {
        try {
            log.append(fields);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot record SMS in the outbox file (disk full or read-only?)", ex);
        }
    }

    private void replay() throws IOException {
        for (List<String> r : log.readAll()) {
            try {
                apply(r);
            } catch (RuntimeException ex) {
                LOG.warn("outbox: skipped an unreadable record ({})", ex.toString());
            }
        }
        Instant now = clock.instant();
        List<OutboxEntry> inDoubt = entries.values().stream().filter(e -> e.status == DeliveryStatus.SENDING)
                .toList();
        for (OutboxEntry e : inDoubt) {
            e.resentAfterCrash = true;
            // Resent first, in its old place in the queue: it was the oldest one being sent.
            applyRetry(e, e.channelIndex, e.nextAt, "in flight when Wattline stopped; sent again", now);
        }
        compact(now);
        if (!inDoubt.isEmpty()) {
            LOG.warn("outbox: {} SMS were being handed over when Wattline stopped; they are sent again "
                    + "(the SMSC may receive them twice)", inDoubt.size());
        }
        LOG.info("outbox: {} messages, {} waiting", entries.size(), queued.size());
    }

    private void apply(List<String> f) {
        long id = Long.parseLong(f.get(1));
        OutboxEntry e = entries.get(id);
        Instant t = instant(f.get(2));
        switch (f.get(0)) {
            case "E" -> index(OutboxEntry.fromSnapshot(f));
            case "Q" -> index(new OutboxEntry(id, t, new OutgoingMessage(f.get(3), f.get(4), f.get(7),
                    OutboxEntry.split(f.get(5)), OutboxEntry.alarmIds(f.get(6)))));
            case "A" -> {
                queued.remove(e);
                e.status = DeliveryStatus.SENDING;
                e.attempts++;
                e.attemptsOnChannel++;
                e.updated = t;
            }
            case "S" -> applySubmitted(e, OutboxEntry.split(f.get(3)), t);
            case "R" -> applyRetry(e, Integer.parseInt(f.get(3)), instant(f.get(4)), f.get(5), t);
            case "F" -> {
                e.status = DeliveryStatus.FAILED;
                e.lastError = f.get(3);
                e.updated = t;
            }
            case "D" -> {
                e.applyReceipt(f.get(3), "1".equals(f.get(4)));
                e.updated = t;
            }
            default -> throw new IllegalArgumentException("unknown record type " + f.get(0));
        }
    }

    private void compactWhenLong() {
        if (log.lines() > 20_000 && log.lines() > 4L * entries.size()) {
            try {
                compact(clock.instant());
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot compact the outbox file", ex);
            }
        }
    }

    /** Rewrites the file as one record per kept message; finished ones older than the retention go. */
    private void compact(Instant now) throws IOException {
        Instant horizon = now.minus(RETENTION);
        entries.values().removeIf(e -> e.status.finished() && e.updated.isBefore(horizon));
        byKey.values().removeIf(e -> !entries.containsKey(e.id));
        byProviderId.values().removeIf(e -> !entries.containsKey(e.id));
        List<List<String>> records = new ArrayList<>();
        entries.values().stream().sorted(Comparator.comparingLong(e -> e.id))
                .forEach(e -> records.add(e.snapshot()));
        log.rewrite(records);
    }
}
