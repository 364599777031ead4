package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.historian.Bucket;
import io.wattline.historian.Resolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Folds committed samples into the 1 min / 15 min / 1 h rollups and the {@code latest} table,
 * behind the writer: each step takes the samples with seq above the {@code rollup} watermark,
 * merges their per-bucket statistics into the stored buckets, upserts the newest sample per point
 * and moves the watermark, all in one transaction. A crash before the commit
 * leaves neither, so no sample is ever counted twice or missed.
 */
final class RollupUpdater {

    static final String WATERMARK = "rollup";

    // Usable values: GOOD and UNCERTAIN with a number (BAD samples carry NaN).
    private static final String USABLE = "s.quality <> 'BAD' AND NOT isnan(s.value)";
    /**
     * A bucket's statistics from its samples {@code s}: every sample counted, the usable ones summarised; ties in
     * time ordered by seq, like SeriesReader.range. Also what a correction recomputes a bucket with (ReadingTable).
     */
    static final String STATISTICS = """
                   count(*) AS samples,
                   count(*) FILTER (WHERE %1$s) AS count,
                   min(s.value) FILTER (WHERE %1$s) AS min,
                   max(s.value) FILTER (WHERE %1$s) AS max,
                   sum(s.value) FILTER (WHERE %1$s) AS sum,
                   arg_min(s.value, (s.ts_us, s.seq)) FILTER (WHERE %1$s) AS first_value,
                   min(s.ts_us) FILTER (WHERE %1$s) AS first_us,
                   arg_max(s.value, (s.ts_us, s.seq)) FILTER (WHERE %1$s) AS last_value,
                   max(s.ts_us) FILTER (WHERE %1$s) AS last_us""".formatted(USABLE);
    // Bucket starts floor towards the past, also before 1970 (% keeps the dividend's sign). One row per key. The one
    // scan of the step's samples: the 1-minute statistics, which the coarser resolutions are folded from (DERIVE).
    private static final String AGGREGATE = """
            CREATE OR REPLACE TEMP TABLE rollup_fold_1m AS
            SELECT s.point AS point,
                   s.ts_us - (((s.ts_us %% %2$d) + %2$d) %% %2$d) AS bucket_us,
            """ + STATISTICS + """
            ,
                   max(s.seq) FILTER (WHERE %1$s) AS last_seq
            FROM samples s
            WHERE s.seq > ? AND s.seq <= ?
            GROUP BY ALL""";

    // A coarser resolution's statistics from the step's finer ones (15 minutes from 1 minute, 1 hour from
    // 15 minutes: whole finer buckets each): the same values as aggregating the samples again
    // (RollupStatisticsTest), each from the fewest rows. Counts and sums add up (a sum to its last bit:
    // added in another order); min, max and the first/last times skip buckets without a usable value
    // (NULL), as the FILTER above skips samples; the finer buckets' first (last) times are distinct, so
    // the earliest (latest) one holds the first (last) value, ties in time settled by seq inside the minute.
    private static final String DERIVE = """
            CREATE OR REPLACE TEMP TABLE %2$s AS
            SELECT f.point AS point,
                   f.bucket_us - (((f.bucket_us %% %1$d) + %1$d) %% %1$d) AS bucket_us,
                   sum(f.samples)::BIGINT AS samples,
                   sum(f.count)::BIGINT AS count,
                   min(f.min) AS min,
                   max(f.max) AS max,
                   sum(f.sum) AS sum,
                   arg_min(f.first_value, f.first_us) AS first_value,
                   min(f.first_us) AS first_us,
                   arg_max(f.last_value, f.last_us) AS last_value,
                   max(f.last_us) AS last_us,
                   max(f.last_seq) AS last_seq
            FROM %3$s f
            GROUP BY ALL""";

    // The step's statistics merged into the buckets already stored (the new rows always come from
    // later seqs, so an equal last time goes to them). The literal bucket bounds let DuckDB's zone
    // maps skip the row groups outside the step: an ON CONFLICT upsert of the same rows was most of
    // an import's time (issue 14's import-readings benchmark).
    private static final String MERGE_EXISTING = """
            UPDATE %1$s SET
                samples = %1$s.samples + f.samples,
                count = %1$s.count + f.count,
                min = least(%1$s.min, f.min),
                max = greatest(%1$s.max, f.max),
                sum = CASE WHEN %1$s.count = 0 THEN f.sum
                           WHEN f.count = 0 THEN %1$s.sum
                           ELSE %1$s.sum + f.sum END,
                first_value = CASE WHEN %1$s.first_us IS NULL OR f.first_us < %1$s.first_us
                                   THEN f.first_value ELSE %1$s.first_value END,
                first_us = CASE WHEN %1$s.first_us IS NULL OR f.first_us < %1$s.first_us
                                THEN f.first_us ELSE %1$s.first_us END,
                last_value = CASE WHEN %1$s.last_us IS NULL OR f.last_us >= %1$s.last_us
                                  THEN f.last_value ELSE %1$s.last_value END,
                last_seq = CASE WHEN %1$s.last_us IS NULL OR f.last_us >= %1$s.last_us
                                THEN f.last_seq ELSE %1$s.last_seq END,
                last_us = CASE WHEN %1$s.last_us IS NULL OR f.last_us >= %1$s.last_us
                               THEN f.last_us ELSE %1$s.last_us END
            FROM %4$s f
            WHERE %1$s.point = f.point AND %1$s.bucket_us = f.bucket_us
              AND %1$s.bucket_us BETWEEN %2$d AND %3$d""";

    // Buckets the table does not hold yet, appended in time order (zone maps on bucket_us).
    private static final String INSERT_NEW = """
            INSERT INTO %1$s
            SELECT f.point, f.bucket_us, f.samples, f.count, f.min, f.max, f.sum, f.first_value, f.first_us,
                   f.last_value, f.last_us, f.last_seq
            FROM %4$s f
            WHERE NOT EXISTS (SELECT 1 FROM %1$s r WHERE r.point = f.point AND r.bucket_us = f.bucket_us
                                AND r.bucket_us BETWEEN %2$d AND %3$d)
            ORDER BY f.bucket_us, f.point""";

    // The same when the merge above updated none of the step's buckets: all are new, no anti-join needed
    // (a back-fill or an import into a period the store does not hold yet).
    private static final String INSERT_ALL = """
            INSERT INTO %1$s
            SELECT f.point, f.bucket_us, f.samples, f.count, f.min, f.max, f.sum, f.first_value, f.first_us,
                   f.last_value, f.last_us, f.last_seq
            FROM %2$s f
            ORDER BY f.bucket_us, f.point""";

    // Upserts the newest row of each point among the samples just rolled up. A sample replaces the
    // stored latest one unless it is older; with equal times the later commit (higher seq) wins,
    // which matches SeriesReader.range's tie order. One row per point (a grouped arg_max, one hash
    // pass), since DuckDB refuses an upsert that touches the same key twice in one command.
    private static final String UPSERT_LATEST = """
            INSERT INTO latest (point, seq, ts_us, value, quality, reason)
            SELECT point, l.seq, l.ts_us, l.value, l.quality, l.reason FROM (
                SELECT point, arg_max({'seq': seq, 'ts_us': ts_us, 'value': value, 'quality': quality,
                                       'reason': reason}, (ts_us, seq)) AS l
                FROM samples WHERE seq > ? AND seq <= ? GROUP BY point)
            ON CONFLICT (point) DO UPDATE SET
                seq = excluded.seq, ts_us = excluded.ts_us, value = excluded.value,
                quality = excluded.quality, reason = excluded.reason
            WHERE excluded.ts_us >= latest.ts_us""";

    // Ids for points seen for the first time in the step, after the highest id so far (every sample of
    // the step, BAD too, is in a 1-minute bucket of the fold).
    private static final String NEW_POINTS = """
            INSERT INTO points
            SELECT (SELECT coalesce(max(id), 0) FROM points) + row_number() OVER (ORDER BY point), point
            FROM (SELECT DISTINCT point FROM rollup_fold_1m
                  EXCEPT SELECT point FROM points)""";

    private static final String BUCKETS = """
            SELECT bucket_us, samples, count, min, max, sum, first_value, first_us, last_value, last_us
            FROM %s WHERE point = ? AND bucket_us >= ? AND bucket_us < ?
            ORDER BY bucket_us""";

    private RollupUpdater() {
    }

    /** The table holding the rollups of {@code resolution} (one table per resolution, see {@link SchemaMigration}). */
    static String tableOf(Resolution resolution) {
        return switch (resolution) {
            case ONE_MINUTE -> "rollups_1m";
            case FIFTEEN_MINUTES -> "rollups_15m";
            case ONE_HOUR -> "rollups_1h";
            case RAW -> throw new IllegalArgumentException("raw samples have no rollup table");
        };
    }

    /**
     * Rolls up at most {@code maxSamples} samples past the watermark in one transaction.
     *
     * @return the new watermark (unchanged when there was nothing to do)
     */
    static long step(Connection connection, int maxSamples) throws SQLException {
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN TRANSACTION");
            try {
                long from = Watermarks.read(connection, WATERMARK);
                long upTo;
                try (PreparedStatement last = connection.prepareStatement(
                        "SELECT coalesce(max(seq), ?) FROM samples WHERE seq > ? AND seq <= ?")) {
                    last.setLong(1, from);
                    last.setLong(2, from);
                    last.setLong(3, from + maxSamples);
                    try (ResultSet rows = last.executeQuery()) {
                        rows.next();
                        upTo = rows.getLong(1);
                    }
                }
                if (upTo > from) {
                    fold(connection, from, upTo);
                    Watermarks.store(connection, WATERMARK, upTo);
                }
                control.execute("COMMIT");
                return upTo;
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }


    /**
     * Merges the samples with seq in {@code (from, upTo]} into the buckets of every resolution (their
     * {@link #statistics}), upserts their newest value per point into {@code latest} and gives new points an id.
     */
    private static void fold(Connection connection, long from, long upTo) throws SQLException {
        statistics(connection, from, upTo);
        try (Statement statement = connection.createStatement()) {
            for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
                merge(statement, tableOf(resolution), foldOf(resolution));
            }
            try (PreparedStatement latest = connection.prepareStatement(UPSERT_LATEST)) {
                latest.setLong(1, from);
                latest.setLong(2, upTo);
                latest.executeUpdate();
            }
            statement.executeUpdate(NEW_POINTS);
            for (Resolution resolution : Resolution.ROLLUPS_COARSEST_FIRST) {
                statement.execute("DROP TABLE " + foldOf(resolution));
            }
        }
    }

    /**
     * The statistics of the samples with seq in {@code (from, upTo]} per bucket of every resolution, in the
     * connection's temporary tables {@link #foldOf}: one aggregation of the samples into 1-minute statistics,
     * 15 minutes folded from those, 1 hour from 15 minutes.
     */
    static void statistics(Connection connection, long from, long upTo) throws SQLException {
        try (PreparedStatement aggregate = connection.prepareStatement(
                AGGREGATE.formatted(USABLE, Resolution.ONE_MINUTE.bucket().toSeconds() * 1_000_000L))) {
            aggregate.setLong(1, from);
            aggregate.setLong(2, upTo);
            aggregate.execute();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(DERIVE.formatted(Resolution.FIFTEEN_MINUTES.bucket().toSeconds() * 1_000_000L,
                    foldOf(Resolution.FIFTEEN_MINUTES), foldOf(Resolution.ONE_MINUTE)));
            statement.execute(DERIVE.formatted(Resolution.ONE_HOUR.bucket().toSeconds() * 1_000_000L,
                    foldOf(Resolution.ONE_HOUR), foldOf(Resolution.FIFTEEN_MINUTES)));
        }
    }

    /** The temporary table holding a step's statistics at {@code resolution} while it is folded. */
    static String foldOf(Resolution resolution) {
        return "rollup_fold_" + tableOf(resolution).substring("rollups_".length()); // rollup_fold_1m, _15m, _1h
    }

    /** Merges the statistics in the temporary table {@code fold} into the rollup table {@code table}. */
    private static void merge(Statement statement, String table, String fold) throws SQLException {
        long low;
        long high;
        long rows;
        try (ResultSet bounds = statement.executeQuery(
                "SELECT min(bucket_us), max(bucket_us), count(*) FROM " + fold)) {
            bounds.next();
            low = bounds.getLong(1);
            if (bounds.wasNull()) {
                return;
            }
            high = bounds.getLong(2);
            rows = bounds.getLong(3);
        }
        // Most steps of an import land in a period the table holds nothing of yet (zone maps answer that
        // from the few row groups around it): no merge then. Else one row per key in the table (the single
        // folding thread keeps it so): the number of buckets the merge updated tells whether all, none or
        // some of the step's buckets are new.
        boolean any;
        try (ResultSet hit = statement.executeQuery(
                "SELECT count(*) FROM (SELECT 1 FROM %s WHERE bucket_us BETWEEN %d AND %d LIMIT 1)"
                        .formatted(table, low, high))) {
            hit.next();
            any = hit.getLong(1) > 0;
        }
        long updated = any ? statement.executeLargeUpdate(MERGE_EXISTING.formatted(table, low, high, fold)) : 0;
        if (updated == 0) {
            statement.executeUpdate(INSERT_ALL.formatted(table, fold));
        } else if (updated < rows) {
            statement.executeUpdate(INSERT_NEW.formatted(table, low, high, fold));
        }
    }

    /** Stored buckets of {@code point} at {@code resolution} starting in {@code [fromUs, toUs)}. */
    static List<Bucket> buckets(Connection connection, PointId point, Resolution resolution, long fromUs, long toUs)
            throws SQLException {
        long widthUs = resolution.bucket().toSeconds() * 1_000_000L;
        long firstStart = fromUs - Math.floorMod(fromUs, widthUs);
        List<Bucket> buckets = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(BUCKETS.formatted(tableOf(resolution)))) {
            query.setString(1, point.toString());
            query.setLong(2, firstStart);
            query.setLong(3, toUs);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    buckets.add(bucket(rows, 1, resolution));
                }
            }
        }
        return buckets;
    }

    /**
     * Stored buckets of each of {@code points} at {@code resolution} starting in
     * {@code [floor(fromUs), toUs)}, in one query, handed to {@code each} one point at a time
     * (points without buckets are skipped); the rows stream, so only one point's buckets are held.
     */
    static void buckets(Connection connection, Collection<PointId> points, Resolution resolution, long fromUs,
            long toUs, BiConsumer<PointId, List<Bucket>> each) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        long widthUs = resolution.bucket().toSeconds() * 1_000_000L;
        long firstStart = fromUs - Math.floorMod(fromUs, widthUs);
        List<PointId> list = List.copyOf(points);
        String sql = """
                %s
                SELECT w.i, r.bucket_us, r.samples, r.count, r.min, r.max, r.sum, r.first_value, r.first_us,
                       r.last_value, r.last_us
                FROM %s r JOIN wanted w ON r.point = w.point
                WHERE r.bucket_us >= ? AND r.bucket_us < ?
                ORDER BY w.i, r.bucket_us""".formatted(PointList.wanted(list.size()), tableOf(resolution));
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int next = PointList.bind(query, 1, list);
            query.setLong(next, firstStart);
            query.setLong(next + 1, toUs);
            try (ResultSet rows = query.executeQuery()) {
                PointList.Grouper<Bucket> grouper = new PointList.Grouper<>(list, each);
                while (rows.next()) {
                    grouper.add(rows.getInt(1), bucket(rows, 2, resolution));
                }
                grouper.finish();
            }
        }
    }

    // Columns from `first`: bucket_us, samples, count, min, max, sum, first_value, first_us, last_value, last_us.
    private static Bucket bucket(ResultSet rows, int first, Resolution resolution) throws SQLException {
        int c = first;
        long count = rows.getLong(c + 2);
        boolean any = count > 0;
        return new Bucket(EpochMicros.toInstant(rows.getLong(c)), resolution, rows.getLong(c + 1), count,
                any ? rows.getDouble(c + 3) : Double.NaN,
                any ? rows.getDouble(c + 4) : Double.NaN,
                any ? rows.getDouble(c + 5) / count : Double.NaN,
                any ? rows.getDouble(c + 6) : Double.NaN,
                any ? EpochMicros.toInstant(rows.getLong(c + 7)) : null,
                any ? rows.getDouble(c + 8) : Double.NaN,
                any ? EpochMicros.toInstant(rows.getLong(c + 9)) : null);
    }
}
