package io.wattline.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.influx.InfluxQueries;
import io.wattline.historian.influx.InfluxdForTests;
import io.wattline.historian.influx.LocalInfluxd;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's first reliability test: InfluxDB is killed for a while during a steady stream of
 * samples and started again; every sample arrives, in order, none twice in query results.
 */
@Tag("integration")
@Timeout(120)
class ForwarderOutageTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private static final String[] DEVICES = {"mdb-main", "line-1", "line-2"};
    private static final String[] POINTS = {"active_power_total", "active_energy_import", "voltage_l1_n"};
    private static final int SCANS = 600; // per device, one every 10 ms of wall time, 100 ms apart in sample time

    @TempDir
    Path dir;

    @Test
    void everySampleArrivesInOrderOnceAfterAnOutage() throws Exception {
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant")) {
            InfluxOptions influx = InfluxOptions.of(influxd.url(), "plant", "demo-site");
            ForwarderOptions fast = ForwarderOptions.defaults().withBatchSamples(500).withMaxBackoff(Duration.ofMillis(400));
            long lastSeq;
            boolean sawRetrying = false;
            boolean sawBacklog = false;
            try (Historian historian = Historian.open(dir.resolve("data"),
                    HistorianOptions.defaults().withBatchMaxDelay(Duration.ofMillis(20)), Optional.of(influx), fast,
                    Clock.systemUTC())) {
                for (int scan = 0; scan < SCANS; scan++) {
                    if (scan == 150) {
                        influxd.stop(); // a crash: SIGKILL, no flush
                    }
                    if (scan == 450) {
                        ForwarderStatus during = historian.status().forwarder();
                        sawRetrying = during.state().equals("retrying") && during.lastError() != null;
                        sawBacklog = during.bufferDepth() > 0;
                        influxd.start();
                    }
                    for (String device : DEVICES) {
                        for (int p = 0; p < POINTS.length; p++) {
                            assertTrue(historian.writer().offer(Sample.good(new PointId(device, POINTS[p]),
                                    T0.plusMillis(scan * 100L), value(scan, p))));
                        }
                    }
                    Thread.sleep(10);
                }
                historian.writer().flush();
                lastSeq = historian.store().lastSeq();
                assertEquals((long) SCANS * DEVICES.length * POINTS.length, lastSeq);
                assertTrue(historian.forwarder().orElseThrow().awaitForwarded(lastSeq, Duration.ofSeconds(60)),
                        "not forwarded: " + historian.status().forwarder());
                ForwarderStatus after = historian.status().forwarder();
                assertEquals(0, after.bufferDepth());
                assertEquals(0, after.quarantinedLines());
                assertTrue(historian.status().alarms().isEmpty(), "alarms cleared after recovery: " + historian.status().alarms());
            }
            assertTrue(sawRetrying, "the forwarder reported retrying while InfluxDB was down");
            assertTrue(sawBacklog, "samples were buffered locally while InfluxDB was down");

            try (InfluxQueries queries = new InfluxQueries(influx)) {
                for (String device : DEVICES) {
                    List<Map<String, String>> rows = queries.rows("SELECT * FROM \"wattline\" WHERE \"device\" = '"
                            + device + "' ORDER BY time ASC");
                    assertEquals(SCANS, rows.size(), device + ": one row per scan, none missing, none twice");
                    List<Long> times = new ArrayList<>();
                    for (int scan = 0; scan < SCANS; scan++) {
                        Map<String, String> row = rows.get(scan);
                        times.add(Long.parseLong(row.get("time")));
                        assertEquals((T0.toEpochMilli() + scan * 100L) * 1000L, times.get(scan), device + " scan " + scan);
                        for (int p = 0; p < POINTS.length; p++) {
                            assertEquals(value(scan, p), Double.parseDouble(row.get(POINTS[p])), device + " scan " + scan);
                            assertEquals("0", row.get(POINTS[p] + "_q"));
                        }
                        assertEquals("demo-site", row.get("site"));
                    }
                }
            }
        }
    }

    private static double value(int scan, int point) {
        return scan * 10.0 + point + 0.25;
    }
}
