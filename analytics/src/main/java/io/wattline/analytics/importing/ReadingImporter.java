package io.wattline.analytics.importing;

import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.CounterReading;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import io.wattline.core.plausible.PlausibleValues;
import io.wattline.historian.ReadingLedger;
import io.wattline.historian.ReadingLedger.Key;
import io.wattline.historian.SampleWriter;
import io.wattline.historian.WritesHeldException;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Imports hand-read or back-filled counter readings from CSV ({@code meter,point,time,value}),
 * streamed in batches of {@link #BATCH_ROWS} rows (memory stays the same for any file size): each
 * batch is checked row by row ({@link ReadingRows}), its identities looked up in one go against
 * everything stored ({@link ReadingLedger#stored}: the readings record, raw samples, rollups), the
 * new readings written through the historian's {@link SampleWriter} and added to the durable
 * readings record. Importing a file again writes nothing; a different value for a stored instant is
 * rejected naming both values, or, with {@link ImportRequest#replace()}, replaced through
 * {@link ReadingLedger#replace} (raw, record and rollups) and audited.
 */
public final class ReadingImporter {

    /**
     * Rows checked, looked up and written together: each batch pays fixed costs (the look-up, the record's and the
     * rollups' commits, and reading the stored readings a day around it to judge glitches), so batches are large
     * (issue 14's benchmark: 50,000-row batches read 5× their own rows as neighbours); 200,000 was no faster than 100,000
     * and peaked at 378 MB resident instead of 310 MB.
     */
    public static final int BATCH_ROWS = 100_000;
    /** At most this many rejected rows are listed (all are counted). */
    public static final int LISTED_REJECTIONS = 1_000;
    /** A progress report after every this many rows (a batch: reporting never cuts one short). */
    public static final int PROGRESS_ROWS = BATCH_ROWS;

    private final Function<PointId, Optional<Quantity>> quantities;
    private final PlausibleValues plausible;
    private final ReadingLedger ledger;
    private final SampleWriter writer;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final Clock clock;
    private final CounterJudge judge;

    /**
     * @param quantities the quantity of every configured point; empty for an unknown meter or point
     * @param audit where replacements are recorded; null refuses {@link ImportRequest#replace()}
     * @param zone the plant's zone, for times written without an offset
     */
    public ReadingImporter(Function<PointId, Optional<Quantity>> quantities, ReadingLedger ledger, SampleWriter writer,
            AuditTrail audit, ZoneId zone, Clock clock) {
        this(quantities, PlausibleValues.standard(), ledger, writer, audit, zone, clock);
    }

    /**
     * @param plausible the plant's plausible range per quantity ({@code Plant.plausible()}): a reading outside
     *     its counter's range is rejected with the line and the range
     */
    public ReadingImporter(Function<PointId, Optional<Quantity>> quantities, PlausibleValues plausible,
            ReadingLedger ledger, SampleWriter writer, AuditTrail audit, ZoneId zone, Clock clock) {
        this(quantities, plausible, CounterJudge.standard(), ledger, writer, audit, zone, clock);
    }

    /**
     * @param judge how accounting judges each counter (its plausibility limit, its declared events): the
     *     readings it leaves out are marked BAD in the store with the reason, at import
     */
    public ReadingImporter(Function<PointId, Optional<Quantity>> quantities, PlausibleValues plausible,
            CounterJudge judge, ReadingLedger ledger, SampleWriter writer, AuditTrail audit, ZoneId zone, Clock clock) {
        this.judge = judge;
        this.quantities = quantities;
        this.plausible = plausible;
        this.ledger = ledger;
        this.writer = writer;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    /** Imports without replacing, as the system user (tests, tools). */
    public ImportResult importCsv(String source, Reader csv) throws IOException {
        return importCsv(source, csv, ImportRequest.addOnly("system", "console"), progress -> { });
    }

    /**
     * Reads, checks and writes {@code csv}; {@code source} names it in messages (a file name).
     * {@code progress} gets the running totals after every {@link #PROGRESS_ROWS} rows.
     *
     * @throws IOException if the file cannot be read, or stops being CSV (an unterminated quote);
     *     the batches before that point are written
     * @throws WritesHeldException when the data volume is below its low-space watermark, naming what was
     *     written before and what to do
     */
    public ImportResult importCsv(String source, Reader csv, ImportRequest request, Consumer<ImportResult> progress)
            throws IOException {
        if (request.replace() && audit == null) {
            throw new IllegalStateException(source + ": --replace needs an audit trail and none is configured, so "
                    + "nothing was imported (更正读数须记录审计日志)");
        }
        Run run = new Run(source, request, new ReadingRows(quantities, plausible, zone, clock.instant()));
        try (ReadingLedger.Importing importing = ledger.importing(); ReadingCsv rows = new ReadingCsv(csv)) {
            List<Pending> batch = new ArrayList<>(BATCH_ROWS);
            long nextProgress = PROGRESS_ROWS;
            while (rows.hasNext()) {
                ReadingCsv.Row row = rows.next();
                run.rows++;
                ReadingRows.Checked checked = run.check.check(row.fields());
                if (checked.problem() != null) {
                    run.reject(row.line(), checked.problem());
                } else {
                    batch.add(new Pending(row.line(), checked.sample()));
                }
                if (batch.size() == BATCH_ROWS) {
                    run.store(batch);
                    batch.clear();
                }
                if (run.rows >= nextProgress) {
                    run.store(batch);
                    batch.clear();
                    run.complete();
                    progress.accept(run.result());
                    nextProgress += PROGRESS_ROWS;
                }
            }
            run.store(batch);
            run.complete();
            run.publish();
        } catch (ReadingCsv.MalformedCsvException e) {
            run.publishAfterFailure(e);
            throw new IOException(source + ": " + e.getMessage() + " (CSV 格式错误); " + run.result().summary()
                    + " before it", e);
        } catch (WritesHeldException e) {
            run.publishAfterFailure(e);
            throw new WritesHeldException(source + ": the store holds writes for now: " + e.getMessage() + "; "
                    + run.result().summary() + " before it. What the store accepted is committed when space returns: "
                    + "free space on the data volume, then import the file again (it writes only what is missing) "
                    + "(数据盘空间不足：请释放空间后重新导入，已存读数不会重复写入)");
        } catch (IOException | RuntimeException e) {
            run.publishAfterFailure(e);
            throw e;
        }
        return run.result();
    }

    /** How far around a batch's readings stored readings are read to judge them (a day: daily hand readings too). */
    static final Duration NEIGHBOURS = Duration.ofDays(1);

    /** What a BAD mark says: what was found, and what to do if the reading was right after all. */
    static String reasonFor(CounterIssue issue, String foundAt) {
        String what = switch (issue.kind()) {
            case GLITCH_LOW -> "glitch: a low reading that the following readings undo (a dropped digit, a bus error)"
                    + " (低值毛刺)";
            case GLITCH_HIGH -> "glitch: a single high reading the counter does not continue from (高值毛刺)";
            case NEGATIVE_READING -> "a negative counter reading (计数器读数为负)";
            case IMPLAUSIBLE_READING -> "an increase above the meter's plausibility limit that the following readings"
                    + " undo (超出合理性上限)";
            default -> issue.kind().name();
        };
        return what + ", value " + issue.amount() + ", found at " + foundAt
                + ": excluded from accounting (不计入能耗); if the reading was right, correct the readings around it"
                + " with --replace (engineer)";
    }

    /** A checked row waiting for its batch. */
    private record Pending(long line, Sample sample) {
    }

    /**
     * A batch between {@code store} and {@code complete}: its distinct rows, the points the look-up found the store
     * holding anything of in its span, the new readings offered to the writer, the stored ones to add to the record,
     * and the replacements with their rows.
     */
    private record Staged(Collection<Pending> rows, Set<PointId> touched, List<Sample> fresh, List<Sample> toRecord,
            List<ReadingLedger.Replacement> replacements, List<Pending> replacedRows) {
    }

    /** The running state of one import. */
    private final class Run {
        final String source;
        final ImportRequest request;
        final ReadingRows check;
        final List<ImportResult.Rejection> rejected = new ArrayList<>();
        long rows;
        long written;
        long already;
        long replaced;
        long rejectedRows;
        long excluded;
        /** The fold of the last batch, running on the historian's maintenance thread while this one is read. */
        CompletableFuture<Void> folding;
        /** Readings recorded that no fold has been started for yet. */
        boolean unfolded;
        /** A batch looked up and offered to the writer, waiting for {@link #complete}. */
        Staged staged;
        /** The stored readings of the last judged batch's points in its last day, for judging the next one. */
        final Remembered remembered = new Remembered();

        Run(String source, ImportRequest request, ReadingRows check) {
            this.source = source;
            this.request = request;
            this.check = check;
        }

        void reject(long line, String reason) {
            rejectedRows++;
            if (rejected.size() < LISTED_REJECTIONS) {
                rejected.add(new ImportResult.Rejection(line, reason));
            }
        }

        ImportResult result() {
            return new ImportResult(source, rows, written, already, replaced, excluded, rejectedRows, rejected);
        }

        /**
         * Looks the batch up and hands what is new to the historian's writer; the rest of the batch's work
         * ({@link #complete}) waits for its commit. Completes the batch before first, so this batch's look-up sees
         * everything the import stored before it. The import completes each batch at its progress point (every
         * {@link #PROGRESS_ROWS} rows read, as often as batches), right after storing it: letting the writer
         * commit while the next batch is read was measured slower on two cores (docs/accounting.md, Speed).
         */
        void store(List<Pending> batch) {
            complete();
            if (batch.isEmpty()) {
                return;
            }
            Map<Key, Pending> unique = new LinkedHashMap<>();
            for (Pending p : batch) {
                Pending earlier = unique.putIfAbsent(Key.of(p.sample()), p);
                if (earlier != null) {
                    if (earlier.sample().value() == p.sample().value()) {
                        already++;
                    } else {
                        reject(p.line(), "line " + earlier.line() + " of this file gives " + p.sample().point() + " at "
                                + p.sample().time() + " the value " + earlier.sample().value() + ", this row "
                                + p.sample().value() + " (同一时刻读数冲突)");
                    }
                }
            }
            ReadingLedger.LookUp lookUp = ledger.lookUp(unique.keySet());
            Map<Key, ReadingLedger.Stored> stored = lookUp.stored();
            List<Sample> fresh = new ArrayList<>();
            List<Sample> toRecord = new ArrayList<>();
            List<ReadingLedger.Replacement> replacements = new ArrayList<>();
            List<Pending> replacedRows = new ArrayList<>();
            for (Map.Entry<Key, Pending> e : unique.entrySet()) {
                Pending p = e.getValue();
                ReadingLedger.Stored s = stored.get(e.getKey());
                if (s == null) {
                    fresh.add(p.sample());
                } else if (s.value() == p.sample().value()) {
                    already++;
                    if (s.where() != ReadingLedger.Where.RECORD) {
                        toRecord.add(p.sample()); // stored by the collector or a crashed import: keep it as evidence too
                    }
                } else if (request.replace()) {
                    replacements.add(new ReadingLedger.Replacement(p.sample(), s.value()));
                    replacedRows.add(p);
                } else {
                    reject(p.line(), "the store already holds " + p.sample().point() + " at " + p.sample().time()
                            + " with the value " + s.value() + " (" + s.where().name().toLowerCase() + "); this row gives "
                            + p.sample().value() + ": import with --replace (engineer) to correct it (与已存读数不同)");
                }
            }
            offerAll(fresh);
            staged = new Staged(unique.values(), lookUp.touched(), fresh, toRecord, replacements,
                    replacedRows);
        }

        /**
         * Finishes the batch {@link #store} staged, if any: waits until the writer has committed its new
         * readings, then starts their fold, records them and whatever the store held only as raw samples, replaces
         * (audited) what the request replaces, and judges the batch. Nothing is recorded before its raw samples
         * are committed: a flush that fails (the disk below its watermark) records nothing, and importing the file
         * again writes what is missing (a raw sample found without its record entry is recorded then). The fold
         * needs only the committed raw samples, so it starts before the record is written: the two run side by
         * side, and the fold's commit, which holds up every other transaction of the store while it writes, ends
         * before the writer starts on the next batch (issue 14's benchmark: about a fifth of each batch's time).
         */
        void complete() {
            Staged batch = staged;
            staged = null;
            if (batch == null) {
                return;
            }
            List<Sample> fresh = batch.fresh();
            List<Sample> toRecord = batch.toRecord();
            List<ReadingLedger.Replacement> replacements = batch.replacements();
            List<Pending> replacedRows = batch.replacedRows();
            if (!fresh.isEmpty()) {
                writer.flush();
            }
            toRecord.addAll(fresh);
            if (!toRecord.isEmpty()) {
                unfolded = true;
                foldBehind();
            }
            ledger.append(toRecord, source);
            written += fresh.size();
            if (!replacements.isEmpty()) {
                ledger.replace(replacements, source);
                List<AuditEntry> entries = new ArrayList<>(replacements.size());
                for (int i = 0; i < replacements.size(); i++) {
                    ReadingLedger.Replacement r = replacements.get(i);
                    entries.add(new AuditEntry(clock.instant(), request.actor(), request.address(), "readings.replace",
                            r.reading().point() + "@" + r.reading().time(), source + ":" + replacedRows.get(i).line()
                            + ": " + r.previous() + " -> " + r.reading().value()));
                }
                audit.recordAll(entries);
                replaced += replacements.size();
            }
            if (!toRecord.isEmpty() || !replacements.isEmpty()) {
                // a batch the record already held in full (a file imported again) changed nothing: the store's
                // readings were judged when they were recorded (a crash between the record and the judging
                // leaves marks unset, not figures wrong: accounting applies the glitch rule itself)
                judge(batch.rows(), batch.touched());
            }
        }

        /**
         * Judges the batch's readings together with the stored readings up to {@link #NEIGHBOURS} around
         * them, as accounting does, and marks the ones accounting leaves out BAD in the store with the reason
         * (ARCHITECTURE decision 14): also a stored reading that a row of this file shows to be a glitch.
         * A point the store held nothing of in the batch's span before this batch ({@code touched} says which
         * did) holds there now exactly the batch's readings of it, just written: those are judged from memory.
         * The day before and after the span is read back only where the store holds something there that this
         * import does not already hold in memory ({@link #remembered}, the readings judged with the batch before,
         * checked against the store's {@link ReadingLedger.Held} fingerprint of the window): a time-ordered file
         * reads neither (issue 14's benchmark: the day before each batch was a tenth of the import's CPU).
         */
        private void judge(Collection<Pending> batch, Set<PointId> touched) {
            Map<PointId, List<Sample>> byPoint = new HashMap<>();
            for (Pending p : batch) {
                byPoint.computeIfAbsent(p.sample().point(), point -> new ArrayList<>()).add(p.sample());
            }
            if (byPoint.isEmpty()) {
                return;
            }
            Map<PointId, Instant[]> spans = new HashMap<>();
            Map<PointId, List<Sample>> own = new HashMap<>();
            Instant low = null;
            Instant high = null;
            for (Map.Entry<PointId, List<Sample>> e : byPoint.entrySet()) {
                Instant first = null;
                Instant last = null;
                for (Sample s : e.getValue()) {
                    Instant t = s.time();
                    first = first == null || t.isBefore(first) ? t : first;
                    last = last == null || t.isAfter(last) ? t : last;
                }
                spans.put(e.getKey(), new Instant[] {first, last});
                if (!touched.contains(e.getKey())) {
                    own.put(e.getKey(), e.getValue());
                }
                low = low == null || first.isBefore(low) ? first : low;
                high = high == null || last.isAfter(high) ? last : high;
            }
            List<ReadingLedger.Exclusion> marks = new ArrayList<>();
            Map<PointId, List<Sample>> judged = new HashMap<>();
            BiConsumer<PointId, List<Sample>> judgeOne = (point, samples) -> {
                judged.put(point, samples);
                List<CounterReading> readings = new ArrayList<>(samples.size());
                for (Sample s : samples) {
                    if (s.quality() != Quality.BAD && Double.isFinite(s.value())) {
                        readings.add(new CounterReading(s.time(), s.value()));
                    }
                }
                Instant[] span = spans.get(point);
                for (CounterIssue issue : judge.excluded(point, readings)) {
                    if (!issue.from().isBefore(span[0].minus(NEIGHBOURS))
                            && !issue.from().isAfter(span[1].plus(NEIGHBOURS))) {
                        marks.add(new ReadingLedger.Exclusion(new Key(point, issue.from()),
                                reasonFor(issue, "the import of " + source)));
                    }
                }
            };
            // the store's times are whole microseconds (the rows' are truncated to them): [low - a day, high + a day]
            Instant from = low.minus(NEIGHBOURS);
            Instant after = high.plusNanos(1_000);
            Instant to = high.plus(NEIGHBOURS).plusNanos(1_000);
            Set<PointId> others = new HashSet<>(spans.keySet());
            others.removeAll(own.keySet());
            ledger.around(others, from, to, judgeOne);
            if (!own.isEmpty()) {
                Map<PointId, List<Sample>> before = new HashMap<>();
                Map<PointId, List<Sample>> behind = new HashMap<>();
                Set<PointId> readBefore = new HashSet<>();
                Map<PointId, ReadingLedger.Held> heldBefore = ledger.held(from, low);
                for (PointId point : own.keySet()) {
                    List<Sample> known = remembered.in(point, from, low);
                    ReadingLedger.Held held = heldBefore.get(point);
                    if (held == null ? known.isEmpty() : Remembered.matches(held, known, from)) {
                        before.put(point, known);
                    } else {
                        readBefore.add(point);
                    }
                }
                Set<PointId> readBehind = new HashSet<>(ledger.held(after, to).keySet());
                readBehind.retainAll(own.keySet());
                ledger.around(readBefore, from, low, before::put);
                ledger.around(readBehind, after, to, behind::put);
                for (Map.Entry<PointId, List<Sample>> e : own.entrySet()) {
                    List<Sample> mine = e.getValue();
                    mine.sort(Comparator.comparing(Sample::time));
                    List<Sample> all = new ArrayList<>(before.getOrDefault(e.getKey(), List.of()));
                    all.addAll(mine);
                    all.addAll(behind.getOrDefault(e.getKey(), List.of()));
                    judgeOne.accept(e.getKey(), all);
                }
            }
            excluded += ledger.markBad(marks);
            remembered.keep(judged, marks, high.minus(NEIGHBOURS));
        }

        /**
         * Starts folding what this batch committed into the rollups on the historian's maintenance thread,
         * after the previous batch's fold has finished (at most one runs, so the rollups are never more than a
         * batch behind): the next batch is read, checked, looked up and written meanwhile, on the other core.
         */
        private void foldBehind() {
            awaitFold();
            folding = ledger.publishLater();
            unfolded = false;
        }

        private void awaitFold() {
            CompletableFuture<Void> pending = folding;
            folding = null;
            if (pending != null) {
                try {
                    pending.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }

        /**
         * Before the import answers: everything it recorded is folded into the rollups and report caches are
         * told (issue 14: a report right after an import shows its figures); nothing to do when it wrote nothing.
         */
        void publish() {
            awaitFold();
            if (unfolded) {
                ledger.publish();
                unfolded = false;
            }
        }

        /**
         * The same after a failure, keeping that failure the one thrown: what was written before it is visible. A
         * batch still staged (the file broke off while the next was read) is completed first.
         */
        void publishAfterFailure(Exception failure) {
            try {
                complete();
            } catch (RuntimeException e) {
                if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
            try {
                publish();
            } catch (RuntimeException e) {
                if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
        }

        /**
         * Offers every sample to the historian's writer, waiting for a commit whenever its queue is full; the
         * caller flushes ({@link #complete}).
         */
        private void offerAll(List<Sample> samples) {
            for (Sample s : samples) {
                int attempts = 0;
                while (!writer.offer(s)) {
                    if (++attempts > 50) {
                        throw new IllegalStateException(source + ": the historian keeps refusing samples (queue full, "
                                + "or closing) after " + written + " were written; import the file again to add the rest");
                    }
                    writer.flush();
                }
            }
        }
    }
}
