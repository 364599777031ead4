package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.ForwarderStatus;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.forward.Forwarder;
import io.wattline.historian.forward.ForwarderOptions;
import io.wattline.historian.forward.LineProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line InfluxDB refuses for its content (a field type conflict: the field exists as a string)
 * is found by bisecting its batch, quarantined with the reason, alarmed, and the rest arrives.
 */
@Tag("integration")
@Timeout(60)
class QuarantineTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private static final PointId POWER = new PointId("mdb-main", "active_power_total");
    private static final PointId CONFLICTING = new PointId("meter-7", "flow_total");

    @TempDir
    Path dir;

    @Test
    void fieldTypeConflictIsQuarantinedAndTheRestArrives() throws Exception {
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant")) {
            InfluxOptions influx = InfluxOptions.of(influxd.url(), "plant", "demo-site");
            // Someone else wrote flow_total as a string into the same shard first.
            new InfluxLineWriter(influx, Duration.ofSeconds(10)).write(List.of(
                    "wattline,device=other,site=demo-site flow_total=\"text\" " + LineProtocol.micros(T0)));
            Path data = dir.resolve("data");
            try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.of(influx),
                    ForwarderOptions.defaults(), Clock.systemUTC())) {
                for (int i = 0; i < 40; i++) {
                    historian.writer().offer(Sample.good(POWER, T0.plusSeconds(i), i));
                    if (i == 17) {
                        historian.writer().offer(Sample.good(CONFLICTING, T0.plusSeconds(i), 5.0));
                    }
                }
                historian.writer().flush();
                long last = historian.store().lastSeq();
                assertTrue(historian.forwarder().orElseThrow().awaitForwarded(last, Duration.ofSeconds(30)),
                        "forwarding carries on past the refused line: " + historian.status().forwarder());
                ForwarderStatus status = historian.status().forwarder();
                assertEquals(1, status.quarantinedLines());
                assertTrue(status.lastError().contains("field type conflict"), status.lastError());
                assertTrue(historian.status().alarms().stream()
                        .anyMatch(a -> a.code().equals(Forwarder.ALARM_QUARANTINED)), historian.status().alarms().toString());
            }
            Path quarantine;
            try (Stream<Path> files = Files.list(data.resolve("quarantine"))) {
                quarantine = files.findFirst().orElseThrow();
            }
            assertEquals("2026-" , quarantine.getFileName().toString().substring(0, 5));
            List<String> lines = Files.readAllLines(quarantine);
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("# ") && lines.get(0).contains("HTTP 400")
                    && lines.get(0).contains("field type conflict"), lines.get(0));
            assertEquals("wattline,device=meter-7,site=demo-site flow_total=5.0,flow_total_q=0i "
                    + LineProtocol.micros(T0.plusSeconds(17)), lines.get(1));

            try (InfluxQueries queries = new InfluxQueries(influx)) {
                List<Map<String, String>> rows = queries.rows(
                        "SELECT \"active_power_total\" FROM \"wattline\" WHERE \"device\" = 'mdb-main'");
                assertEquals(40, rows.size());
            }
        }
    }
}
