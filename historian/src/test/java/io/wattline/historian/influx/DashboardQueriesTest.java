package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.StoredSample;
import io.wattline.historian.forward.LineProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every InfluxQL query of docs/grafana/wattline-dashboard.json runs on a real InfluxDB and returns data. */
@Tag("integration")
@Timeout(60)
class DashboardQueriesTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "wattline-dashboard.json");
    private static final Pattern QUERY = Pattern.compile("\"query\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    @Test
    void dashboardQueriesRunOnInfluxDb() throws Exception {
        List<String> queries = new ArrayList<>();
        Matcher m = QUERY.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            queries.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        assertEquals(6, queries.size(), "4 panels and 2 variables in " + DASHBOARD);
        try (LocalInfluxd influxd = InfluxdForTests.start(dir.resolve("influx"), "plant")) {
            InfluxOptions options = InfluxOptions.of(influxd.url(), "plant", "demo");
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
            PointId power = new PointId("main-incomer", "active_power");
            PointId energy = new PointId("main-incomer", "active_energy_import");
            List<StoredSample> samples = new ArrayList<>();
            for (int i = 0; i < 30 * 4; i++) {
                Instant t = start.plus(Duration.ofMinutes(15L * i));
                samples.add(new StoredSample(2L * i + 1, Sample.good(power, t, 40_000 + i)));
                samples.add(new StoredSample(2L * i + 2, Sample.good(energy, t, 1_000_000 + 10_000.0 * i)));
            }
            new InfluxLineWriter(options, Duration.ofSeconds(10)).write(new LineProtocol("wattline", "demo").encode(samples));
            try (InfluxQueries influx = new InfluxQueries(options)) {
                for (String query : queries) {
                    String concrete = query.replace("$timeFilter", "time >= now() - 2d")
                            .replace("$site", "demo").replace("$device", "main-incomer");
                    List<Map<String, String>> rows = influx.rows(concrete);
                    assertFalse(rows.isEmpty(), "no rows for " + concrete);
                }
            }
        }
    }
}
