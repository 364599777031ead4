package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.duckdb.DuckDbStore;
import io.wattline.historian.forward.Forwarder;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.historian.influx.InfluxOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Raw retention deletes only old raw samples that are rolled up and, with a forwarder, forwarded. */
@Timeout(60)
class RetentionTest {

    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant OLD = Instant.parse("2026-03-01T00:00:00Z"); // 9 days before NOW
    private static final Instant RECENT = Instant.parse("2026-03-09T23:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HistorianOptions ONE_DAY = HistorianOptions.defaults().withRawRetention(Duration.ofDays(1));

    @TempDir
    Path data;

    @Test
    void deletesOldRolledUpRawRowsKeepsRollupsRecentRowsAndTheSequence() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            write(historian, OLD, 120);
            write(historian, RECENT, 60);
            historian.rollUpNow();
            assertEquals(120, historian.applyRetentionNow());
            assertEquals(0, historian.reader().range(POWER, OLD, OLD.plusSeconds(3_600), 1_000).size());
            assertEquals(60, historian.reader().range(POWER, RECENT, NOW, 1_000).size());
            Bucket oldHour = historian.reader().series(POWER, OLD, OLD.plusSeconds(3_600), 1).get(0);
            assertEquals(120, oldHour.count(), "rollups are kept");
            assertEquals(120, historian.status().rawDeleted());
        }
    }

    @Test
    void sequenceContinuesWhenEveryRawRowIsDeleted() {
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            write(historian, OLD, 50);
            historian.rollUpNow();
            assertEquals(50, historian.applyRetentionNow());
        }
        try (Historian reopened = Historian.open(data, ONE_DAY, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            assertEquals(50, reopened.store().lastSeq(), "seq is never handed out twice, even with an empty samples table");
            write(reopened, RECENT, 1);
            assertEquals(51, reopened.store().lastSeq());
            assertEquals(51, reopened.rollUpNow());
        }
    }

    @Test
    void keepsRawRowsTheForwarderHasNotShipped() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: connections are refused
        }
        InfluxOptions unreachable = InfluxOptions.of(URI.create("http://127.0.0.1:" + deadPort), "plant", "demo-site");
        ForwarderOptions quick = ForwarderOptions.defaults().withMaxBackoff(Duration.ofMillis(200));
        try (Historian historian = Historian.open(data, ONE_DAY, Optional.of(unreachable), quick, CLOCK)) {
            write(historian, OLD, 100);
            historian.rollUpNow();
            assertEquals(0, historian.applyRetentionNow(), "rolled up but not forwarded: kept");
            assertEquals(100, historian.reader().range(POWER, OLD, OLD.plusSeconds(3_600), 1_000).size());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (historian.status().alarms().stream().noneMatch(a -> a.code().equals(Forwarder.ALARM_UNREACHABLE))) {
                assertTrue(System.nanoTime() < deadline, "no alarm for the unreachable target: " + historian.status());
                Thread.sleep(20);
            }
            ForwarderStatus forwarder = historian.status().forwarder();
            assertEquals("retrying", forwarder.state());
            assertEquals(100, forwarder.bufferDepth());
            assertTrue(forwarder.lagSeconds() >= Duration.between(OLD, NOW).toSeconds() - 1, "lag " + forwarder.lagSeconds());
        }
    }

    @Test
    void keepsRawRowsNotYetRolledUp() {
        // The store alone: no maintenance thread rolls up behind the test's back.
        try (DuckDbStore store = DuckDbStore.open(data, ONE_DAY)) {
            for (int i = 0; i < 10; i++) {
                store.offer(Sample.good(POWER, OLD.plusSeconds(i), i));
            }
            store.flush();
            assertEquals(0, store.deleteRawBefore(NOW, Set.of()), "not rolled up: kept");
            assertEquals(4, store.rollUp(4), "one step of at most 4 samples");
            assertEquals(4, store.deleteRawBefore(NOW, Set.of()), "only the rolled-up ones");
            assertEquals(10, store.rollUp(100));
            assertEquals(6, store.deleteRawBefore(NOW, Set.of()));
        }
    }

    private static void write(Historian historian, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(historian.writer().offer(Sample.good(POWER, from.plusSeconds(i), i)));
        }
        historian.writer().flush();
    }
}
