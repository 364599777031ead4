package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same forwarder and queries against InfluxDB 2.7 through its v1 compatibility API (bucket as
 * database through the virtual DBRP mapping, API token). Needs Docker and skips without it; the
 * real-server coverage is the influxd 1.x tests, which never skip under CI.
 */
@Tag("integration")
@Timeout(300)
@Testcontainers(disabledWithoutDocker = true)
class Influx2CompatibilityTest {

    private static final String TOKEN = "wattline-test-token";

    @Container
    private static final InfluxDBContainer<?> INFLUX = new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
            .withOrganization("wattline").withBucket("plant").withUsername("wattline").withPassword("wattline-pass")
            .withAdminToken(TOKEN);

    @TempDir
    Path data;

    @Test
    void forwardsAndQueriesThroughTheV1CompatibilityApi() throws Exception {
        InfluxOptions options = InfluxOptions.of(URI.create(INFLUX.getUrl()), "plant", "demo-site").withToken(TOKEN);
        PointId power = new PointId("mdb-main", "active_power_total");
        Instant t0 = Instant.parse("2026-03-02T06:00:00Z");
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.of(options))) {
            for (int i = 0; i < 100; i++) {
                historian.writer().offer(Sample.good(power, t0.plusSeconds(i), i));
            }
            historian.writer().flush();
            assertTrue(historian.forwarder().orElseThrow().awaitForwarded(100, Duration.ofSeconds(60)),
                    String.valueOf(historian.status().forwarder()));
        }
        try (InfluxQueries queries = new InfluxQueries(options)) {
            List<Sample> back = queries.range(power, t0, t0.plusSeconds(3_600), 1_000);
            assertEquals(100, back.size());
            assertEquals(99.0, back.get(99).value());
        }
    }
}
