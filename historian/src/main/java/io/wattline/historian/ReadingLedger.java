package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Readings as evidence (ARCHITECTURE.md decision 14): imported and hand-entered readings are kept
 * as their own durable record that raw retention never touches, and a reading's identity (point,
 * instant to the microsecond) is checked against everything the store holds, whatever its age.
 */
public interface ReadingLedger {

    /** A reading's identity: the point and the instant, truncated to the store's microsecond. */
    record Key(PointId point, Instant time) {
        public Key {
            Objects.requireNonNull(point, "point");
            time = time.truncatedTo(ChronoUnit.MICROS);
        }

        public static Key of(Sample sample) {
            return new Key(sample.point(), sample.time());
        }
    }

    /** Where a stored value was found: the readings record, a raw sample, or a rollup's first/last reading. */
    enum Where { RECORD, RAW, ROLLUP }

    /** The value held at a key, and where. */
    record Stored(double value, Where where) {
    }

    /** A new value for a key that already holds {@code previous}. */
    record Replacement(Sample reading, double previous) {
    }

    /**
     * What the store holds at each of {@code keys} (the record first, then GOOD raw samples, then
     * the first or last reading of a 1-minute rollup bucket); keys holding nothing are absent.
     */
    default Map<Key, Stored> stored(Collection<Key> keys) {
        return lookUp(keys).stored();
    }

    /**
     * What the store holds at each of {@code keys} ({@link #stored}), and which of the keys' points it held
     * anything of (record, raw samples of any quality, 1-minute rollups) between the keys' earliest and latest
     * instant, both as of the look-up.
     */
    LookUp lookUp(Collection<Key> keys);

    /**
     * The answer of {@link #lookUp}: {@code stored} as {@link #stored}; {@code touched} the points the store held
     * anything of in the keys' span [earliest, latest]. For any other point of the keys the store held nothing in
     * that span, so whatever a caller writes there is, until others write, all the span holds of that point.
     */
    record LookUp(Map<Key, Stored> stored, Set<PointId> touched) {
        public LookUp {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(touched, "touched");
        }
    }

    /**
     * Records {@code readings} durably under {@code source}: keys the record does not hold yet (as
     * {@link #stored} found), each once; all or nothing. Then makes them visible to reports: committed
     * samples are rolled up and report caches are told the data under closed periods changed
     * ({@link #publish}).
     */
    default void record(Collection<Sample> readings, String source) {
        append(readings, source);
        if (!readings.isEmpty()) {
            publish();
        }
    }

    /**
     * Records {@code readings} durably under {@code source} as {@link #record} does, without making them
     * visible to reports yet: the caller publishes ({@link #publish}, {@link #publishLater}) before it
     * answers, e.g. once per import batch or at the end of an import.
     */
    void append(Collection<Sample> readings, String source);

    /**
     * Makes everything committed so far visible to reports: folds it into the rollups now, then tells
     * report caches that data under closed periods changed (a back-fill lands under periods kept as
     * closed, and raw retention may remove it before a cache compares seqs).
     */
    void publish();

    /**
     * {@link #publish} on the historian's maintenance thread, so that the caller can go on (read and
     * check its next batch) meanwhile; the future completes when it is done, exceptionally if the fold
     * failed or the historian closed first (never left waiting). Folds never run two at a time: a
     * {@link #markBad} or {@link #replace} waits for this one.
     */
    CompletableFuture<Void> publishLater();

    /**
     * Replaces the values at existing keys: the raw sample (if retention has not removed it), the
     * record (keeping the previous value), and every rollup bucket containing the instant, all in
     * one transaction, after everything committed so far is rolled up.
     *
     * @return how many rollup buckets were recomputed or corrected
     */
    int replace(Collection<Replacement> replacements, String source);

    /**
     * A stored reading that the readings around it contradict (a glitch, an implausible jump: ARCHITECTURE
     * decision 14): kept as evidence, marked BAD with {@code reason}, never counted by a rollup.
     */
    record Exclusion(Key key, String reason) {
        public Exclusion {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Marks the stored samples at the exclusions' keys BAD with their reasons, keeping their values:
     * the raw sample, the latest value and the readings record; every rollup bucket holding one is
     * refolded from raw so that none counts it. One transaction, after everything committed so far is
     * rolled up; the sample keeps its seq (nothing is written twice or lost). Keys already BAD, or
     * holding no raw sample, are skipped.
     *
     * @return how many samples were marked
     */
    int markBad(Collection<Exclusion> exclusions);

    /** Stored samples (all qualities) of {@code points} in {@code [from, to)}, one point at a time, in time order. */
    void around(Collection<PointId> points, Instant from, Instant to, BiConsumer<PointId, List<Sample>> each);

    /**
     * What the store holds of one point in a window: its raw samples (all qualities), how many of them are BAD,
     * the sum of their times in microseconds after the window's start, and the sum of their finite values. A
     * fingerprint that tells a caller holding samples it knows to be stored there (an import, the readings of its
     * previous batch) whether they are all the store holds, without reading them back.
     */
    record Held(long samples, long bad, long timeSumUs, double valueSum) {
    }

    /**
     * The {@link Held} of every point with raw samples in {@code [from, to)}, in one grouped scan; points holding
     * none there are left out. The window is at most a few days: the time sum stays within a long.
     */
    Map<PointId, Held> held(Instant from, Instant to);

    /**
     * Held by an import while it runs (close it when done, also after a failure): the store then runs its
     * queries on the calling threads only (DuckDB {@code threads} 1) instead of adding worker threads. An import
     * keeps its own three threads busy (reading and checking, the writer, the rollup fold on the maintenance
     * thread): on a plant's 2 cores a DuckDB worker thread only competed with them, and the same import ran
     * about 30 % faster without it (issue 14's import-readings benchmark). Other queries meanwhile (reports) run
     * on one thread too. Holders are counted; the configured threads return when the last one closes.
     */
    Importing importing();

    /** What {@link #importing} returns: closing it (once counts, again does nothing) ends the import's hold. */
    interface Importing extends AutoCloseable {
        @Override
        void close();
    }

    /** How many readings the record holds (for status pages and tests). */
    long recorded();
}
