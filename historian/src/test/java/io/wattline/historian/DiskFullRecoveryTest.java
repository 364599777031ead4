package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.support.SmallVolume;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's proof on a real small volume: another process fills the disk while Wattline writes,
 * then frees it; Wattline keeps running, writes resume by themselves, a restart on the same data
 * directory succeeds, and no stored row differs from what was offered (every stored row is an
 * accepted sample, stored once; every accepted sample is stored unless counted as dropped).
 */
@Tag("integration")
@Timeout(240)
class DiskFullRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private static final List<PointId> POINTS = List.of(
            new PointId("main-incomer", "active_power"), new PointId("main-incomer", "active_energy_import"),
            new PointId("line1-power", "active_power"), new PointId("line2-power", "active_energy_import"),
            new PointId("boiler-steam", "mass_flow"), new PointId("workshop-temp", "temperature"));

    @TempDir
    Path dir;

    private final List<Sample> accepted = new ArrayList<>();
    private long next;

    /** With the low-space watermark (the default), and without it: DuckDB itself meets the full disk. */
    @ParameterizedTest(name = "min free {0} bytes")
    @ValueSource(longs = {2L * 1024 * 1024, 0})
    void fullDiskDuringWritesThenFreedLosesAndCorruptsNothing(long minFree) throws Exception {
        try (SmallVolume volume = SmallVolume.mount(dir.resolve("vol"), 48)) {
            Path data = volume.path().resolve("data");
            HistorianOptions options = options().withMinFreeBytes(minFree);
            long dropped;
            try (Historian historian = Historian.open(data, options, Optional.empty())) {
                offerFor(historian, Duration.ofSeconds(2));
                volume.fillWithBallast();
                offerUntil(historian, () -> historian.status().alarms().stream()
                        .anyMatch(a -> a.code().equals(Historian.ALARM_LOW_SPACE) || a.code().equals(Historian.ALARM_COMMIT_FAILING)),
                        Duration.ofSeconds(60));
                offerFor(historian, Duration.ofSeconds(3)); // writes on a full disk
                assertTrue(historian.status().alarms().stream().anyMatch(a -> a.code().equals(Historian.ALARM_LOW_SPACE)
                        || a.code().equals(Historian.ALARM_COMMIT_FAILING)), historian.status().toString());
                volume.freeBallast();
                offerUntil(historian, () -> historian.store().commitFailure().isEmpty() && !historian.store().lowSpace(),
                        Duration.ofSeconds(60));
                offerFor(historian, Duration.ofSeconds(3)); // and after it
                historian.writer().flush();
                historian.rollUpNow();
                dropped = historian.status().store().dropped();
            }
            assertStoredExactlyAccepted(data, options, dropped);
        }
    }

    @Test
    void restartWhileFullThenFreedLosesAndCorruptsNothing() throws Exception {
        try (SmallVolume volume = SmallVolume.mount(dir.resolve("vol"), 48)) {
            Path data = volume.path().resolve("data");
            HistorianOptions options = options();
            Historian first = Historian.open(data, options, Optional.empty());
            try (Historian historian = first) {
                offerFor(historian, Duration.ofSeconds(2));
                volume.fillWithBallast();
                offerFor(historian, Duration.ofSeconds(2));
            }
            // the close gave up on what it could not commit and counted it
            long dropped = first.store().stats().dropped();
            try (Historian historian = Historian.open(data, options, Optional.empty())) {
                offerFor(historian, Duration.ofSeconds(2));
                volume.freeBallast();
                offerUntil(historian, () -> historian.store().commitFailure().isEmpty() && !historian.store().lowSpace(),
                        Duration.ofSeconds(60));
                offerFor(historian, Duration.ofSeconds(2));
                historian.writer().flush();
                dropped += historian.status().store().dropped();
            }
            assertStoredExactlyAccepted(data, options, dropped);
        }
    }

    private static HistorianOptions options() {
        return HistorianOptions.defaults().withQueueCapacity(20_000).withBatchMaxDelay(Duration.ofMillis(50))
                .withMinFreeBytes(2L * 1024 * 1024);
    }

    private void assertStoredExactlyAccepted(Path data, HistorianOptions options, long dropped) {
        try (Historian reopened = Historian.open(data, options, Optional.empty())) {
            Set<Sample> offered = new HashSet<>(accepted);
            List<Sample> stored = new ArrayList<>();
            reopened.reader().rangeEach(POINTS, T0.minusSeconds(1), T0.plusSeconds(86_400 * 30), (p, s) -> stored.addAll(s));
            Set<Sample> distinct = new HashSet<>();
            for (Sample sample : stored) {
                assertTrue(offered.contains(sample), () -> "a stored row was never offered: " + sample);
                assertTrue(distinct.add(sample), () -> "stored twice: " + sample);
            }
            assertEquals(reopened.store().points().size(), POINTS.size(), "points " + reopened.store().points());
            long missing = accepted.size() - stored.size();
            assertTrue(missing <= dropped, missing + " accepted samples missing, only " + dropped + " counted as dropped");
            assertTrue(stored.size() > 1000, "stored " + stored.size());
            // and the store takes new samples after the restart
            Sample after = Sample.good(POINTS.get(0), T0.plusSeconds(86_400 * 20), 1.0);
            assertTrue(reopened.writer().offer(after));
            reopened.writer().flush();
            assertEquals(List.of(after), reopened.reader().range(POINTS.get(0), after.time(), after.time().plusSeconds(1), 10));
        }
    }

    private void offerFor(Historian historian, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        offerUntil(historian, () -> System.nanoTime() >= end, duration.plusSeconds(1));
    }

    private void offerUntil(Historian historian, BooleanSupplier done, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met within " + max + ": " + historian.status());
            for (int i = 0; i < 200; i++) {
                long n = next++;
                Sample sample = Sample.good(POINTS.get((int) (n % POINTS.size())), T0.plusMillis(n * 10), n * 0.5);
                if (historian.writer().offer(sample)) {
                    accepted.add(sample);
                }
            }
            Thread.sleep(5);
        }
    }
}
