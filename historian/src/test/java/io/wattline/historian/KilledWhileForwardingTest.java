package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.influx.InfluxQueries;
import io.wattline.historian.influx.InfluxdForTests;
import io.wattline.historian.influx.LocalInfluxd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's second reliability test: a process running store and forwarder is killed with SIGKILL
 * mid-stream; after a restart every sample it had committed is in the local store and reaches
 * InfluxDB, once.
 */
@Tag("integration")
@Timeout(180)
class KilledWhileForwardingTest {

    private static final PointId POINT = new PointId("mdb-main", "active_power_total");
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyCommittedSampleReachesInfluxDbAfterSigkillAndRestart() throws Exception {
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant")) {
            Path data = dir.resolve("data");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    ForwardUntilKilledMain.class.getName(), data.toString(), influxd.url().toString(), POINT.toString(),
                    START.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long committed = 0;
            long forwarded = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                // Kill once a good share is forwarded and more is committed but not yet forwarded.
                while ((committed < 5_000 || forwarded == 0) && (line = out.readLine()) != null) {
                    String[] words = line.split(" ");
                    if (words.length == 4 && words[0].equals("committed")) {
                        committed = Long.parseLong(words[1]);
                        forwarded = Long.parseLong(words[3]);
                    }
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no checkpoint
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            }
            assertTrue(committed >= 5_000, "child reported only " + committed + " committed samples");

            InfluxOptions influx = InfluxOptions.of(influxd.url(), "plant", "demo-site");
            long kept;
            try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.of(influx))) {
                kept = historian.store().lastSeq();
                assertTrue(kept >= committed, "kept " + kept + " samples but " + committed + " were reported committed");
                List<Sample> local = historian.reader().range(POINT, START, START.plus(Duration.ofDays(1)), Integer.MAX_VALUE);
                assertEquals(kept, local.size());
                for (int i = 0; i < local.size(); i++) {
                    assertEquals(i, local.get(i).value(), "local sample " + i);
                }
                assertTrue(historian.forwarder().orElseThrow().awaitForwarded(kept, Duration.ofSeconds(60)),
                        "restarted forwarder did not catch up: " + historian.status().forwarder());
            }
            try (InfluxQueries queries = new InfluxQueries(influx)) {
                List<Map<String, String>> rows = queries.rows(
                        "SELECT \"active_power_total\" FROM \"wattline\" WHERE \"device\" = 'mdb-main' ORDER BY time ASC");
                assertEquals(kept, rows.size(), "every kept sample once in InfluxDB (replays overwrite)");
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals(i, Double.parseDouble(rows.get(i).get("active_power_total")), "InfluxDB row " + i);
                    assertEquals((START.toEpochMilli() + i * 100L) * 1000L, Long.parseLong(rows.get(i).get("time")));
                }
            }
        }
    }
}
