package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianException;
import io.wattline.historian.ReadingLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import io.wattline.historian.StoredSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Reads samples back from the {@code samples} and {@code latest} tables. */
final class SampleRows {

    private static final String RANGE = """
            SELECT point, ts_us, value, quality, reason, seq FROM samples
            WHERE point = ? AND ts_us >= ? AND ts_us < ?
            ORDER BY ts_us, seq
            LIMIT ?""";

    // Point ids from the points dictionary instead of the point text of every row (reading text is
    // most of the cost of a row); the text only for points the dictionary does not hold yet (it is
    // filled with the rollups, about a second behind the writer). Quality as a code, the reason
    // only where there can be one.
    private static final String AFTER_COLUMNS = """
            SELECT p.id, CASE WHEN p.id IS NULL THEN s.point END, s.ts_us, s.value,
                   CASE s.quality WHEN 'GOOD' THEN 0 WHEN 'UNCERTAIN' THEN 1 ELSE 2 END,
                   CASE WHEN s.quality <> 'GOOD' THEN s.reason END, s.seq
            FROM samples s LEFT JOIN points p ON s.point = p.point
            WHERE s.seq > ? AND s.seq <= ? ORDER BY s.seq LIMIT ?""";
    private static final String AFTER_WINDOW = AFTER_COLUMNS;
    private static final String AFTER_LIMIT = AFTER_COLUMNS;
    private static final Quality[] QUALITIES = {Quality.GOOD, Quality.UNCERTAIN, Quality.BAD};

    // The latest table is maintained with the rollups; samples above the rollup watermark may be newer.
    // An aggregate per point (the row with the greatest (ts_us, seq), as a struct so NULL reasons
    // are kept) rather than a window over all rows: memory stays per point, so a store opened with
    // a large backlog above the watermark (a bulk load of 179 M rows) does not run out of memory.
    private static final String ALL_LATEST = """
            SELECT point, l.ts_us, l.value, l.quality, l.reason, l.seq FROM (
                SELECT point, arg_max({'ts_us': ts_us, 'value': value, 'quality': quality, 'reason': reason, 'seq': seq},
                                      (ts_us, seq)) AS l
                FROM (SELECT point, ts_us, value, quality, reason, seq FROM latest
                      UNION ALL
                      SELECT point, ts_us, value, quality, reason, seq FROM samples
                      WHERE seq > (SELECT coalesce(max(seq), 0) FROM watermarks WHERE name = 'rollup'))
                GROUP BY point)""";

    private SampleRows() {
    }

    static List<Sample> range(Connection connection, PointId point, Instant from, Instant to, int limit)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(RANGE)) {
            query.setString(1, point.toString());
            query.setLong(2, EpochMicros.of(from));
            query.setLong(3, EpochMicros.of(to));
            query.setInt(4, limit);
            List<Sample> samples = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    samples.add(sample(rows, "samples"));
                }
            }
            return samples;
        }
    }

    /**
     * Committed samples of each of {@code points} over [from, to) in one query, ordered by time (ties
     * in commit order), handed to {@code each} one point at a time (points without samples are
     * skipped); the rows stream, so only one point's samples are held.
     */
    static void range(Connection connection, Collection<PointId> points, Instant from, Instant to,
            BiConsumer<PointId, List<Sample>> each) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        List<PointId> list = List.copyOf(points);
        String sql = """
                %s
                SELECT w.i, s.ts_us, s.value, CASE s.quality WHEN 'GOOD' THEN 0 WHEN 'UNCERTAIN' THEN 1 ELSE 2 END, s.reason
                FROM samples s JOIN wanted w ON s.point = w.point
                WHERE s.ts_us >= ? AND s.ts_us < ?
                ORDER BY w.i, s.ts_us, s.seq""".formatted(PointList.wanted(list.size()));
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int next = PointList.bind(query, 1, list);
            query.setLong(next, EpochMicros.of(from));
            query.setLong(next + 1, EpochMicros.of(to));
            try (ResultSet rows = query.executeQuery()) {
                PointList.Grouper<Sample> grouper = new PointList.Grouper<>(list, each);
                PointId point = null;
                int ordinal = -1;
                while (rows.next()) {
                    int i = rows.getInt(1);
                    if (i != ordinal) {
                        ordinal = i;
                        point = list.get(i);
                    }
                    double value = rows.getDouble(3);
                    if (rows.wasNull()) {
                        value = Double.NaN;
                    }
                    grouper.add(i, new Sample(point, EpochMicros.toInstant(rows.getLong(2)), value, QUALITIES[rows.getInt(4)],
                            rows.getString(5)));
                }
                grouper.finish();
            }
        }
    }

    /**
     * Per point with raw samples in {@code [from, to)}: how many (all qualities), how many BAD, the sum of their
     * times in microseconds after {@code from}, the sum of their finite values (ReadingLedger.held).
     */
    static Map<PointId, ReadingLedger.Held> held(Connection connection, Instant from, Instant to) throws SQLException {
        Map<PointId, ReadingLedger.Held> held = new HashMap<>();
        long fromUs = EpochMicros.of(from);
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT point, count(*), count(*) FILTER (WHERE quality = 'BAD'), sum(ts_us - ?)::BIGINT,
                       coalesce(sum(value) FILTER (WHERE isfinite(value)), 0)
                FROM samples WHERE ts_us >= ? AND ts_us < ? GROUP BY point""")) {
            query.setLong(1, fromUs);
            query.setLong(2, fromUs);
            query.setLong(3, EpochMicros.of(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.put(PointId.parse(rows.getString(1)), new ReadingLedger.Held(rows.getLong(2), rows.getLong(3),
                            rows.getLong(4), rows.getDouble(5)));
                }
            }
        }
        return held;
    }

    /**
     * Committed samples with seq above {@code after}, in seq order, at most {@code max}.
     *
     * @param pointIds point dictionary cache of the store (ids are stable), filled as needed
     */
    static List<StoredSample> after(Connection connection, long after, int max, Map<Integer, PointId> pointIds)
            throws SQLException {
        // A seq window first: seq has no gaps above every consumer's watermark, and the window lets
        // zone maps skip the rest of the table. Without a bound only when retention emptied the window.
        List<StoredSample> rows = after(connection, AFTER_WINDOW, after, after + max, max, pointIds);
        return rows.isEmpty() ? after(connection, AFTER_LIMIT, after, Long.MAX_VALUE, max, pointIds) : rows;
    }

    private static List<StoredSample> after(Connection connection, String sql, long after, long upTo, int max,
            Map<Integer, PointId> pointIds) throws SQLException {
        Map<String, PointId> byText = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, max);
            List<StoredSample> samples = new ArrayList<>(Math.min(max, 65_536));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int id = rows.getInt(1);
                    PointId point;
                    if (rows.wasNull()) {
                        point = byText.computeIfAbsent(rows.getString(2), PointId::parse);
                    } else {
                        point = pointIds.get(id);
                        if (point == null) {
                            loadPoints(connection, pointIds);
                            point = pointIds.get(id);
                        }
                    }
                    double value = rows.getDouble(4);
                    if (rows.wasNull()) {
                        value = Double.NaN;
                    }
                    long seq = rows.getLong(7);
                    Sample sample = new Sample(point, EpochMicros.toInstant(rows.getLong(3)), value,
                            QUALITIES[rows.getInt(5)], rows.getString(6));
                    samples.add(new StoredSample(seq, sample));
                }
            }
            return samples;
        }
    }

    private static void loadPoints(Connection connection, Map<Integer, PointId> pointIds) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id, point FROM points");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                pointIds.putIfAbsent(rows.getInt(1), PointId.parse(rows.getString(2)));
            }
        }
    }

    static Map<PointId, Sample> latest(Connection connection) throws SQLException {
        Map<PointId, Sample> latest = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(ALL_LATEST);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Sample sample = sample(rows, "latest");
                latest.put(sample.point(), sample);
            }
        }
        return latest;
    }

    /** Next sequence number to hand out: one past the highest ever committed (quarantined rows included). */
    static long nextSeq(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT greatest((SELECT coalesce(max(seq), 0) FROM samples), (SELECT coalesce(max(seq), 0) FROM watermarks),"
                + " (SELECT coalesce(max(seq), 0) FROM damaged_rows WHERE table_name = 'samples'))");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1) + 1;
        }
    }

    private static Sample sample(ResultSet rows, String table) throws SQLException {
        String quality = rows.getString(4);
        try {
            double value = rows.getDouble(3);
            if (rows.wasNull()) {
                value = Double.NaN;
            }
            return new Sample(PointId.parse(rows.getString(1)), EpochMicros.toInstant(rows.getLong(2)),
                    value, Quality.valueOf(quality), rows.getString(5));
        } catch (IllegalArgumentException e) {
            throw new HistorianException("row seq=" + rows.getLong(6) + " of table " + table
                    + " cannot be read as a sample (point '" + rows.getString(1) + "', quality '" + quality
                    + "'): " + e.getMessage(), e);
        }
    }
}
