package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-full policy on a real full file system (a small tmpfs): commits fail and are retried,
 * the queue fills and further samples are refused and counted, alarms say so, nothing throws at
 * the collector, reads keep working, and writing resumes once there is room again.
 */
@Tag("integration")
@Timeout(120)
class DiskFullTest {

    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;
    Path mount;

    @Test
    void fullDiskRefusesAndCountsThenRecovers() throws Exception {
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mounting.waitFor() == 0;
        if (!mounted) {
            mount = null;
        }
        assumeTrue(mounted, "needs root to mount a 6 MB tmpfs (mount -t tmpfs); skipped");

        HistorianOptions small = HistorianOptions.defaults().withQueueCapacity(20_000).withBatchMaxDelay(Duration.ofMillis(20))
                .withMinFreeBytes(0); // no low-space watermark: DuckDB itself meets the full disk
        try (Historian historian = Historian.open(mount.resolve("data"), small, Optional.empty())) {
            long offered = 0;
            long refusedWhileFailing = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Write until commits fail (the disk is full) and the full queue has refused a good number.
            while (refusedWhileFailing < 10_000 && System.nanoTime() < deadline) {
                Sample sample = Sample.good(POWER, T0.plusMillis(offered), offered);
                offered++;
                if (!historian.writer().offer(sample)) {
                    if (historian.store().commitFailure().isPresent()) {
                        refusedWhileFailing++;
                    } else {
                        LockSupport.parkNanos(100_000); // the writer is only busy: let it catch up
                    }
                }
            }
            assertTrue(refusedWhileFailing >= 10_000, "the disk never filled up: " + historian.status());
            long refused = refusedWhileFailing;
            HistorianStatus full = historian.status();
            assertTrue(full.store().dropped() >= refused, full.toString());
            assertTrue(full.alarms().stream().anyMatch(a -> a.code().equals(Historian.ALARM_COMMIT_FAILING)), full.toString());
            assertTrue(full.alarms().stream().anyMatch(a -> a.code().equals(Historian.ALARM_SAMPLES_DROPPED)), full.toString());
            long committedWhileFull = full.lastSeq();
            assertTrue(committedWhileFull > 0);
            assertEquals(Math.min(committedWhileFull, 10), historian.reader().range(POWER, T0, T0.plusSeconds(86_400), 10).size(),
                    "reads keep working");

            Process grow = new ProcessBuilder("mount", "-o", "remount,size=256m", mount.toString()).redirectErrorStream(true).start();
            assertEquals(0, grow.waitFor(), "remount");
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (historian.store().commitFailure().isPresent() && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            assertTrue(historian.store().commitFailure().isEmpty(), "commits resume once there is room: " + historian.status());
            historian.writer().flush();
            assertTrue(historian.store().lastSeq() > committedWhileFull, "the queued samples were committed");
            assertTrue(historian.status().alarms().stream().noneMatch(a -> a.code().equals(Historian.ALARM_COMMIT_FAILING)));
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start().waitFor();
        }
    }
}
