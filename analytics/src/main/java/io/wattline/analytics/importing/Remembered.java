package io.wattline.analytics.importing;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.ReadingLedger;
import io.wattline.historian.ReadingLedger.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored readings an import judged its last batch with, per point, from a day before the batch's latest
 * instant on (all qualities, the BAD marks the judging set applied): the store held every one of them when they
 * were judged, so the day before the next batch of a time-ordered file can be taken from here instead of read
 * back, when the store's fingerprint of that day ({@link ReadingLedger.Held}) matches what is remembered of it
 * ({@link #matches}): anything else the store holds there (a collector's samples, another import, retention
 * having removed some) changes the count, the times or the values, and the day is read back as before.
 * Bounded: past {@link #LIMIT} readings nothing is kept and the store is read.
 */
final class Remembered {

    /** At most this many readings are kept (the last day of 1,000 quarter-hourly meters is 96,000). */
    static final int LIMIT = 2 * ReadingImporter.BATCH_ROWS;

    private Map<PointId, List<Sample>> byPoint = Map.of();

    /** The remembered readings of {@code point} in {@code [from, to)}, in time order; empty when none. */
    List<Sample> in(PointId point, Instant from, Instant to) {
        List<Sample> all = byPoint.get(point);
        if (all == null) {
            return new ArrayList<>();
        }
        List<Sample> in = new ArrayList<>();
        for (Sample s : all) {
            if (!s.time().isBefore(from) && s.time().isBefore(to)) {
                in.add(s);
            }
        }
        return in;
    }

    /**
     * Keeps, of every judged point's readings ({@code judged}: all the store held of it around the batch, in time
     * order), those from {@code since} on, with {@code marks} applied; forgets everything remembered before.
     */
    void keep(Map<PointId, List<Sample>> judged, Collection<ReadingLedger.Exclusion> marks, Instant since) {
        Map<Key, String> marked = new HashMap<>();
        for (ReadingLedger.Exclusion e : marks) {
            marked.put(e.key(), e.reason());
        }
        Map<PointId, List<Sample>> kept = new HashMap<>();
        int count = 0;
        for (Map.Entry<PointId, List<Sample>> e : judged.entrySet()) {
            List<Sample> tail = new ArrayList<>();
            for (Sample s : e.getValue()) {
                if (s.time().isBefore(since)) {
                    continue;
                }
                if (++count > LIMIT) {
                    byPoint = Map.of();
                    return;
                }
                String reason = s.quality() == Quality.BAD ? null : marked.get(new Key(s.point(), s.time()));
                tail.add(reason == null ? s : new Sample(s.point(), s.time(), s.value(), Quality.BAD, reason));
            }
            if (!tail.isEmpty()) {
                kept.put(e.getKey(), tail);
            }
        }
        byPoint = kept;
    }

    /**
     * Whether {@code known}, readings the store held in the window starting at {@code from}, are all it holds
     * there: the same count, BAD count and sum of times as the store's {@code held}, and the same sum of values
     * up to rounding (the store adds them in its own order).
     */
    static boolean matches(ReadingLedger.Held held, List<Sample> known, Instant from) {
        long fromUs = micros(from);
        long bad = 0;
        long timeSum = 0;
        double valueSum = 0;
        double magnitude = 0;
        for (Sample s : known) {
            if (s.quality() == Quality.BAD) {
                bad++;
            }
            timeSum += micros(s.time()) - fromUs;
            if (Double.isFinite(s.value())) {
                valueSum += s.value();
                magnitude += Math.abs(s.value());
            }
        }
        return held.samples() == known.size() && held.bad() == bad && held.timeSumUs() == timeSum
                && Math.abs(held.valueSum() - valueSum) <= 1e-9 * Math.max(1, magnitude);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
