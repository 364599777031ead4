package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.StoredSample;
import io.wattline.historian.forward.LineProtocol;
import io.wattline.historian.forward.LinesRejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lines written through /write with gzip come back through InfluxQL /query, in the documented schema. */
@Tag("integration")
@Timeout(60)
class InfluxRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00.123456Z");
    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final PointId ENERGY = new PointId("mdb-main", "active_energy_import");
    private static final PointId FLOW = new PointId("flow-1", "volume_flow");

    @TempDir
    Path dir;
    LocalInfluxd influxd;
    InfluxOptions options;

    @BeforeEach
    void start() throws Exception {
        influxd = InfluxdForTests.start(dir.resolve("influx"), "plant");
        options = InfluxOptions.of(influxd.url(), "plant", "demo-site");
    }

    @AfterEach
    void stop() throws Exception {
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void samplesRoundTripOneLinePerDeviceScanWithQuality() throws Exception {
        List<StoredSample> samples = List.of(
                new StoredSample(1, Sample.good(POWER, T0, 41_250.5)),
                new StoredSample(2, Sample.good(ENERGY, T0, 1.23456789012E10)), // exponent notation on the wire
                new StoredSample(3, Sample.bad(FLOW, T0, "timeout")),
                new StoredSample(4, new Sample(POWER, T0.plusSeconds(1), -3.5, Quality.UNCERTAIN, "stale")));
        List<String> lines = new LineProtocol("wattline", "demo-site").encode(samples);
        assertEquals(3, lines.size(), "mdb-main at T0, flow-1 at T0, mdb-main at T0+1s: " + lines);
        new InfluxLineWriter(options, Duration.ofSeconds(10)).write(lines);

        try (InfluxQueries queries = new InfluxQueries(options)) {
            List<Map<String, String>> rows = queries.rows("SELECT \"active_power_total\", \"active_power_total_q\","
                    + " \"active_energy_import\" FROM \"wattline\" WHERE \"device\" = 'mdb-main' ORDER BY time");
            assertEquals(2, rows.size(), rows.toString());
            assertEquals(String.valueOf(LineProtocol.micros(T0)), rows.get(0).get("time"));
            assertEquals(41_250.5, Double.parseDouble(rows.get(0).get("active_power_total")));
            assertEquals("0", rows.get(0).get("active_power_total_q"));
            assertEquals(1.23456789012E10, Double.parseDouble(rows.get(0).get("active_energy_import")));
            assertEquals("1", rows.get(1).get("active_power_total_q"));
            assertNull(rows.get(1).get("active_energy_import"), "not part of the second scan");

            List<Sample> flow = queries.range(FLOW, T0.minusSeconds(1), T0.plusSeconds(1), 10);
            assertEquals(1, flow.size());
            assertEquals(Quality.BAD, flow.get(0).quality());
            assertTrue(Double.isNaN(flow.get(0).value()));

            List<Sample> power = queries.range(POWER, T0, T0.plusSeconds(60), 10);
            assertEquals(List.of(41_250.5, -3.5), power.stream().map(Sample::value).toList());
            assertEquals(List.of(T0, T0.plusSeconds(1)), power.stream().map(Sample::time).toList(), "microsecond times");
            assertEquals(Quality.UNCERTAIN, power.get(1).quality());

            // Grafana-style aggregate from docs/influxdb.md
            List<Map<String, String>> mean = queries.rows("SELECT mean(\"active_power_total\") FROM \"wattline\""
                    + " WHERE \"site\" = 'demo-site' AND \"active_power_total_q\" = 0 AND time >= '2026-03-02T00:00:00Z'"
                    + " AND time < '2026-03-03T00:00:00Z' GROUP BY time(15m), \"device\" fill(none)");
            assertEquals(1, mean.size(), mean.toString());
            assertEquals("mdb-main", mean.get(0).get("device"));
            assertEquals(41_250.5, Double.parseDouble(mean.get(0).get("mean")), "UNCERTAIN excluded by the _q filter");
        }
    }

    @Test
    void unknownDatabaseIsRefusedAsConfigurationNotData() throws Exception {
        InfluxOptions wrong = InfluxOptions.of(influxd.url(), "no_such_db", "demo-site");
        LinesRejectedException refused = assertThrows(LinesRejectedException.class,
                () -> new InfluxLineWriter(wrong, Duration.ofSeconds(10)).write(List.of("wattline,device=d,site=s x=1 1")));
        assertEquals(404, refused.status());
        assertTrue(refused.getMessage().contains("database not found"), refused.getMessage());
        assertTrue(!refused.dataRejected(), "a missing database must be retried, never quarantined");
    }
}
