package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.HistorianStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// A writer that cannot commit makes flush() wait; the timeout turns such a hang into a failure.
@Timeout(120)
class DuckDbStoreTest {

    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final PointId ENERGY = new PointId("mdb-main", "active_energy_import");
    private static final PointId WATER = new PointId("fm-1", "volume_total");
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path data;

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<Sample> mixedSeries() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(Sample.good(POWER, at(i), 1000.0 + i * 0.25));
            samples.add(Sample.good(ENERGY, at(i), 123_456.5 + i));
        }
        samples.add(Sample.bad(POWER, at(50), "timeout after 1000 ms"));
        samples.add(new Sample(POWER, at(51), 1012.5, Quality.UNCERTAIN, "stale: older than 3 poll periods"));
        samples.add(new Sample(POWER, at(52), Double.NaN, Quality.UNCERTAIN, ""));
        samples.add(Sample.bad(POWER, at(53), "Modbus exception 2 (ILLEGAL DATA ADDRESS)"));
        samples.add(Sample.bad(POWER, at(54), "Überlast – 过载 (device text)"));
        return samples;
    }

    @Test
    void historySurvivesCloseAndReopenWithValuesQualityAndReasonIntact() throws Exception {
        List<Sample> written = mixedSeries();
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            written.forEach(s -> assertTrue(store.offer(s)));
        } // close without flush: an orderly close must commit everything accepted

        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            List<Sample> power = store.range(POWER, at(0), at(1000), 1000);
            List<Sample> expected = written.stream().filter(s -> s.point().equals(POWER)).toList();
            // Sample is a record: equals compares doubles with Double.compare, so NaN == NaN here.
            assertEquals(expected, power);
            assertTrue(Double.isNaN(power.get(50).value()));
            assertEquals(Quality.BAD, power.get(50).quality());
            assertEquals("timeout after 1000 ms", power.get(50).reason());
            assertEquals(written.stream().filter(s -> s.point().equals(ENERGY)).toList(),
                    store.range(ENERGY, at(0), at(1000), 1000));

            assertEquals(List.of(ENERGY, POWER), store.points());
            assertEquals(Optional.of(written.get(written.size() - 1)), store.latest(POWER));
            assertEquals(Sample.good(ENERGY, at(49), 123_456.5 + 49), store.latest().get(ENERGY));
            // new samples after the restart continue the sequence
            store.offer(Sample.good(POWER, at(60), 5.0));
        }

        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM samples")) {
            rows.next();
            long count = written.size() + 1;
            assertEquals(count, rows.getLong(1));
            assertEquals(count, rows.getLong(2), "seq is unique");
            assertEquals(1, rows.getLong(3));
            assertEquals(count, rows.getLong(4), "seq has no gaps across the restart");
        }
    }

    @Test
    void rangeIsHalfOpenOrderedByTimeAndLimitedToTheEarliest() {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            // offered out of time order: the range still comes back sorted by time
            for (int i : new int[] {5, 1, 9, 0, 3, 7, 2, 8, 4, 6}) {
                store.offer(Sample.good(POWER, at(i), i));
            }
            store.offer(Sample.good(WATER, at(3), 99.0));
            store.flush();

            assertEquals(List.of(2.0, 3.0, 4.0), values(store.range(POWER, at(2), at(5), 100)),
                    "from is included, to is excluded");
            assertEquals(List.of(), store.range(POWER, at(4), at(4), 100), "an empty interval is empty");
            assertEquals(List.of(0.0, 1.0, 2.0), values(store.range(POWER, at(0), at(10), 3)), "limit keeps the earliest");
            assertEquals(List.of(3.0, 4.0, 5.0), values(store.range(POWER, at(2).plusNanos(1_000), at(10), 3)),
                    "paging on from just after the last time");
            assertEquals(10, store.range(POWER, Instant.EPOCH, at(100), 1_000).size());
            assertEquals(List.of(99.0), values(store.range(WATER, Instant.EPOCH, at(100), 1_000)), "other points stay out");
            assertEquals(List.of(), store.range(new PointId("nobody", "nothing"), Instant.EPOCH, at(100), 10));

            assertThrows(IllegalArgumentException.class, () -> store.range(POWER, at(0), at(1), 0));
            assertThrows(IllegalArgumentException.class, () -> store.range(POWER, at(2), at(1), 10));
        }
    }

    @Test
    void equalTimesComeBackInCommitOrder() {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            store.offer(Sample.good(POWER, at(1), 1.0));
            store.offer(Sample.good(POWER, at(1), 2.0));
            store.flush();
            store.offer(Sample.good(POWER, at(1), 3.0));
            store.flush();
            assertEquals(List.of(1.0, 2.0, 3.0), values(store.range(POWER, at(0), at(2), 10)));
            assertEquals(3.0, store.latest(POWER).orElseThrow().value(), "with equal times the later commit is latest");
        }
    }

    @Test
    void latestKeepsTheNewestTimeEvenWhenAnOlderSampleArrivesLater() {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            assertEquals(Optional.empty(), store.latest(POWER));
            store.offer(Sample.good(POWER, at(10), 10.0));
            store.flush();
            store.offer(Sample.good(POWER, at(5), 5.0)); // late arrival, e.g. a device buffer read out
            store.offer(Sample.good(WATER, at(1), 1.0));
            store.flush();
            assertEquals(10.0, store.latest(POWER).orElseThrow().value());
            assertEquals(Map.of(POWER, Sample.good(POWER, at(10), 10.0), WATER, Sample.good(WATER, at(1), 1.0)),
                    store.latest());
            assertEquals(List.of(WATER, POWER), store.points());
        }
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            assertEquals(10.0, store.latest(POWER).orElseThrow().value(), "the stored latest table agrees");
        }
    }

    @Test
    void duckDbGivesFreedMemoryBackAndSaysWhatItHolds() throws Exception {
        HistorianOptions options = HistorianOptions.defaults().withDuckDb(64L * 1024 * 1024, 1);
        try (Connection c = DuckDbStore.connect(data.resolve("settings.duckdb"), options);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('memory_limit'), current_setting('threads'),"
                        + " current_setting('allocator_flush_threshold'), current_setting('allocator_background_threads'),"
                        + " current_setting('checkpoint_threshold'),"
                        + " current_setting('allocator_bulk_deallocation_flush_threshold')")) {
            assertTrue(r.next());
            assertEquals("64.0 MiB", r.getString(1), "the limit as given (DuckDB's MB would be 1000 x 1000 bytes)");
            assertEquals(1, r.getInt(2));
            assertEquals("8.0 MiB", r.getString(3), "jemalloc flushes after a task past 8 MB, not DuckDB's 128 MB");
            assertTrue(r.getBoolean(4), "jemalloc's background thread returns idle pages");
            assertEquals("16.0 MiB", r.getString(5), "DuckDB's own checkpoint threshold (a smaller one broke reads on a full disk)");
            assertEquals("8.0 MiB", r.getString(6), "a checkpoint's bulk free past 8 MB goes back, not DuckDB's 512 MB");
        }
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            mixedSeries().forEach(store::offer);
            store.flush();
            Map<String, Long> memory = store.duckDbMemory();
            assertFalse(memory.isEmpty(), "a store holding samples uses some memory: " + memory);
            assertTrue(memory.values().stream().allMatch(bytes -> bytes > 0), memory.toString());
            List<Long> sizes = new ArrayList<>(memory.values());
            assertEquals(sizes.stream().sorted(java.util.Comparator.reverseOrder()).toList(), sizes, "largest first");
        }
    }

    @Test
    void timesAreKeptToTheMicrosecondIncludingBefore1970() {
        Instant fine = Instant.parse("2026-03-02T06:00:00.123456789Z");
        Instant old = Instant.parse("1969-12-31T23:59:59.999999Z");
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            store.offer(Sample.good(POWER, fine, 1.0));
            store.offer(Sample.good(POWER, old, 2.0));
            store.flush();
            List<Sample> samples = store.range(POWER, old, fine.plusSeconds(1), 10);
            assertEquals(old, samples.get(0).time());
            assertEquals(Instant.parse("2026-03-02T06:00:00.123456Z"), samples.get(1).time(), "nanoseconds truncated");
        }
    }

    @Test
    void flushMakesOfferedSamplesVisibleWithoutWaitingForTheBatchDelay() {
        HistorianOptions slowBatches = HistorianOptions.defaults().withBatchMaxDelay(Duration.ofMinutes(10));
        try (DuckDbStore store = DuckDbStore.open(data, slowBatches)) {
            for (int i = 0; i < 1_000; i++) {
                assertTrue(store.offer(Sample.good(POWER, at(i), i)));
            }
            store.flush();
            assertEquals(1_000, store.range(POWER, at(0), at(1_000), 10_000).size());
            HistorianStats stats = store.stats();
            assertEquals(1_000, stats.offered());
            assertEquals(1_000, stats.committed());
            assertEquals(0, stats.dropped());
            assertEquals(0, stats.queueDepth());
            assertTrue(stats.lastCommit() != null);
        }
    }

    @Test
    void fullQueueRefusesOffersAndCountsThemWithoutLosingAcceptedOnes() {
        // One sample per transaction: the writer commits far slower than this loop offers.
        HistorianOptions tinyQueue = new HistorianOptions(100, 1, Duration.ZERO);
        int attempts = 20_000;
        int accepted = 0;
        try (DuckDbStore store = DuckDbStore.open(data, tinyQueue)) {
            for (int i = 0; i < attempts; i++) {
                if (store.offer(Sample.good(POWER, at(0).plusMillis(i), i))) {
                    accepted++;
                }
            }
            store.flush();
            HistorianStats stats = store.stats();
            assertTrue(accepted < attempts, "some offers must have been refused, accepted " + accepted);
            assertEquals(attempts, stats.offered());
            assertEquals(attempts - accepted, stats.dropped());
            assertEquals(accepted, stats.committed());
            assertEquals(accepted, store.range(POWER, Instant.EPOCH, at(1_000), attempts).size());
        }
    }

    @Test
    void readsWorkWhileTheWriterIsBusy() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults().withBatchMaxSamples(500))) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    while (!store.offer(Sample.good(POWER, at(0).plusMillis(i), i))) {
                        Thread.onSpinWait();
                    }
                }
            });
            producer.start();
            int lastSize = 0;
            while (producer.isAlive() || lastSize < 50_000) {
                List<Sample> seen = store.range(POWER, Instant.EPOCH, at(1_000), 100_000);
                assertTrue(seen.size() >= lastSize, "committed data never disappears");
                for (int i = 0; i < seen.size(); i++) {
                    assertEquals(i, seen.get(i).value(), "a reader sees a prefix of whole commits, in order");
                }
                store.latest(POWER);
                lastSize = seen.size();
                if (!producer.isAlive()) {
                    store.flush();
                }
            }
            producer.join();
        }
    }

    @Test
    void offersAfterCloseAreRefusedAndCloseIsIdempotent() {
        DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults());
        store.offer(Sample.good(POWER, at(0), 1.0));
        store.close();
        assertFalse(store.offer(Sample.good(POWER, at(1), 2.0)));
        assertEquals(1, store.stats().dropped());
        assertEquals(1, store.stats().committed());
        store.flush(); // nothing pending: returns
        store.close();
        assertThrows(HistorianException.class, () -> store.range(POWER, at(0), at(1), 1));
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            HistorianException e = assertThrows(HistorianException.class,
                    () -> DuckDbStore.open(data, HistorianOptions.defaults()));
            assertTrue(e.getMessage().contains("already open in this process"), e.getMessage());
        }
        DuckDbStore.open(data, HistorianOptions.defaults()).close(); // free again after close
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");
        HistorianException e = assertThrows(HistorianException.class,
                () -> DuckDbStore.open(file.resolve("data"), HistorianOptions.defaults()));
        assertTrue(e.getMessage().contains(file.resolve("data").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
    }

    @Test
    void aStoreWrittenByANewerSchemaIsRefused() throws Exception {
        DuckDbStore.open(data, HistorianOptions.defaults()).close();
        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbStore.FILE_NAME));
                Statement statement = sql.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (99, 0)");
        }
        HistorianException e = assertThrows(HistorianException.class,
                () -> DuckDbStore.open(data, HistorianOptions.defaults()));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        DuckDbStore.open(data.resolve("other"), HistorianOptions.defaults()).close(); // nothing left locked
    }

    private static List<Double> values(List<Sample> samples) {
        return samples.stream().map(Sample::value).toList();
    }
}
