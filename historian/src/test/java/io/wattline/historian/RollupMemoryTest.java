package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollup step too large for DuckDB's memory limit (a burst of samples, a back-fill) is retried in smaller steps
 * instead of failing again on every run: issue 14's benchmark met "Out of Memory Error: failed to pin block" in the
 * periodic fold at the default 128 MiB while the writer ingested a million samples in a few seconds.
 */
@Timeout(120)
class RollupMemoryTest {

    @TempDir
    Path data;

    @Test
    void aStepThatRunsOutOfDuckDbMemoryIsFoldedInSmallerSteps() {
        int points = 1_000;
        int samples = 400_000;
        HistorianOptions tight = HistorianOptions.defaults().withQueueCapacity(samples)
                .withDuckDb(32L << 20, 1); // 32 MiB: a 200,000-sample step needs more
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<PointId> ids = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            ids.add(new PointId("meter-" + p, "active_energy_import"));
        }
        try (Historian historian = Historian.open(data, tight, Optional.empty())) {
            for (int i = 0; i < samples; i++) {
                assertTrue(historian.writer().offer(Sample.good(ids.get(i % points),
                        start.plus(Duration.ofMinutes(15L * (i / points))), 1000 + i / points * 2.5)));
            }
            historian.writer().flush();
            assertEquals(samples, historian.rollUpNow());
            Map<PointId, List<Bucket>> hours = historian.reader().series(ids.subList(0, 3), start,
                    start.plus(Duration.ofMinutes(15L * (samples / points))), Resolution.ONE_HOUR);
            for (PointId id : ids.subList(0, 3)) {
                assertEquals(samples / points, hours.get(id).stream().mapToLong(Bucket::samples).sum(), id.toString());
            }
        }
    }
}
