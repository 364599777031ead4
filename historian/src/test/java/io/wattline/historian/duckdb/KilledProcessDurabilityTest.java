package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL mid-stream keeps every sample it had committed. */
@Timeout(180)
class KilledProcessDurabilityTest {

    private static final PointId POINT = new PointId("mdb-main", "active_power_total");
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path data;

    @Test
    void everySampleCommittedBeforeSigkillIsThereAfterReopen() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WriteUntilKilledMain.class.getName(), data.toString(), POINT.toString(), START.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long reportedCommitted = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (reportedCommitted < 5_000 && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    reportedCommitted = Long.parseLong(line.substring("committed ".length()));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no checkpoint
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertTrue(reportedCommitted >= 5_000, "child reported only " + reportedCommitted + " committed samples");

        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            List<Sample> kept = store.range(POINT, START, START.plusSeconds(3_600), Integer.MAX_VALUE);
            assertTrue(kept.size() >= reportedCommitted,
                    "kept " + kept.size() + " samples but " + reportedCommitted + " were reported committed");
            for (int i = 0; i < kept.size(); i++) {
                // whole batches only, in order, no gaps: commits are atomic and serial
                assertEquals(i, kept.get(i).value(), "sample " + i);
            }
            assertEquals(kept.get(kept.size() - 1), store.latest(POINT).orElseThrow(), "latest agrees with the raw rows");
        }
    }
}
