package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import io.wattline.historian.forward.ForwarderOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With InfluxDB as system of record, raw reads older than what retention kept locally come from
 * InfluxDB, newer ones from the local store; the docs' Grafana queries answer from the same data.
 */
@Tag("integration")
@Timeout(60)
class SystemOfRecordTest {

    private static final PointId ENERGY = new PointId("mdb-main", "active_energy_import");
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant OLD = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant RECENT = Instant.parse("2026-03-09T22:00:00Z");

    @TempDir
    Path dir;

    @Test
    void oldRawRangesComeFromInfluxDbAfterRetention() throws Exception {
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant")) {
            InfluxOptions influx = InfluxOptions.of(influxd.url(), "plant", "demo-site").withSystemOfRecord(true);
            try (Historian historian = Historian.open(dir.resolve("data"),
                    HistorianOptions.defaults().withRawRetention(Duration.ofDays(1)), Optional.of(influx),
                    ForwarderOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))) {
                // a counter: one reading every 15 min, +2.5 kWh each, for 4 h, 9 days ago and 2 h ago
                for (int i = 0; i < 16; i++) {
                    historian.writer().offer(Sample.good(ENERGY, OLD.plus(Duration.ofMinutes(15L * i)), 1000 + 2.5 * i));
                }
                for (int i = 0; i < 8; i++) {
                    historian.writer().offer(Sample.good(ENERGY, RECENT.plus(Duration.ofMinutes(15L * i)), 5000 + 2.5 * i));
                }
                historian.writer().flush();
                assertTrue(historian.forwarder().orElseThrow().awaitForwarded(24, Duration.ofSeconds(20)));
                historian.rollUpNow();
                assertEquals(16, historian.applyRetentionNow(), "old raw rows are forwarded and rolled up: deleted");

                List<Sample> old = historian.reader().range(ENERGY, OLD, OLD.plus(Duration.ofDays(1)), 100);
                assertEquals(16, old.size(), "served from InfluxDB");
                assertEquals(1000 + 2.5 * 15, old.get(15).value());
                assertEquals(OLD.plus(Duration.ofMinutes(15 * 15)), old.get(15).time());

                List<Sample> spanning = historian.reader().range(ENERGY, OLD, NOW, 100);
                assertEquals(24, spanning.size(), "InfluxDB up to the oldest local sample, local after");
                assertEquals(5000.0, spanning.get(16).value());
                assertEquals(20, historian.reader().range(ENERGY, OLD, NOW, 20).size(), "limit across both");

                assertEquals(Resolution.RAW, historian.reader().series(ENERGY, OLD, OLD.plusSeconds(3_600), 100).get(0).resolution());
                assertEquals(4, historian.reader().series(ENERGY, OLD, OLD.plus(Duration.ofHours(4)), 4).size(),
                        "hourly rollups stay local");
            }
            try (InfluxQueries queries = new InfluxQueries(influx)) {
                // docs/influxdb.md: the last counter reading per day
                List<Map<String, String>> daily = queries.rows("SELECT last(\"active_energy_import\") FROM \"wattline\""
                        + " WHERE \"site\" = 'demo-site' AND \"device\" = 'mdb-main' AND time >= '2026-03-01T00:00:00Z'"
                        + " AND time < '2026-03-10T00:00:00Z' GROUP BY time(1d) fill(none)");
                assertEquals(2, daily.size(), daily.toString());
                assertEquals(1000 + 2.5 * 15, Double.parseDouble(daily.get(0).get("last")));
                assertEquals(5000 + 2.5 * 7, Double.parseDouble(daily.get(1).get("last")));
                // docs/influxdb.md: consumption per hour from the counter
                List<Map<String, String>> hourly = queries.rows("SELECT difference(last(\"active_energy_import\"))"
                        + " FROM \"wattline\" WHERE \"device\" = 'mdb-main' AND time >= '2026-03-01T00:00:00Z'"
                        + " AND time < '2026-03-01T04:00:00Z' GROUP BY time(1h) fill(none)");
                assertEquals(3, hourly.size(), hourly.toString());
                assertEquals(10.0, Double.parseDouble(hourly.get(0).get("difference")), "4 readings x 2.5 kWh per hour");
            }
        }
    }
}
