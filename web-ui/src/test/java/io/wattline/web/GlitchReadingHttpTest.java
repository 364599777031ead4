package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 14 through the running demo over HTTP: hand readings of the water main for 2026-03-05 (plant time,
 * +10 m3 an hour) where the 12:00 reading lost a digit (113 instead of 1130) are imported; the answer counts
 * one excluded reading, {@code /api/points/{id}/samples} shows it BAD with the reason (kept, with its value),
 * and the day is still 240 m3, never the rebound.
 */
@Tag("integration")
@Timeout(300)
class GlitchReadingHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PLANT = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;

    @Test
    void aGlitchedReadingIsShownBadAndNeverBilled() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            base = TestLogin.baseUrl(app);
            String engineer = TestLogin.user(app, Role.ENGINEER);
            StringBuilder csv = new StringBuilder("meter,point,time,value\n");
            LocalDateTime start = LocalDateTime.parse("2026-03-04T22:00");
            for (int h = 0; h <= 28; h++) {
                int value = h == 14 ? 113 : 1000 + 10 * h; // 2026-03-05 12:00: a dropped digit of 1130
                csv.append("water-main,volume_forward,").append(start.plusHours(h).atZone(PLANT).toOffsetDateTime())
                        .append(',').append(value).append('\n');
            }
            HttpResponse<String> imported = send("/api/readings/import", engineer, csv.toString());
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode answer = JSON.readTree(imported.body());
            assertEquals(29, answer.get("written").asInt(), imported.body());
            assertEquals(1, answer.get("excluded").asInt(), imported.body());

            HttpResponse<String> samples = send("/api/points/water-main.volume_forward/samples"
                    + "?from=2026-03-05T03:30:00Z&to=2026-03-05T04:30:00Z", engineer, null);
            assertEquals(200, samples.statusCode(), samples.body());
            JsonNode list = JSON.readTree(samples.body()).get("samples");
            assertEquals(1, list.size(), samples.body());
            JsonNode glitch = list.get(0);
            assertEquals("2026-03-05T04:00:00Z", glitch.get("time").asText());
            assertEquals("BAD", glitch.get("quality").asText(), samples.body());
            assertTrue(glitch.get("reason").asText().contains("glitch"), samples.body());

            HttpResponse<String> day = send("/api/consumption?group=site&period=day&carrier=water"
                    + "&from=2026-03-05&to=2026-03-06", engineer, null);
            assertEquals(200, day.statusCode(), day.body());
            JsonNode rows = JSON.readTree(day.body()).get("rows");
            assertEquals(1, rows.size(), day.body());
            assertEquals(240.0, rows.get(0).get("value").asDouble(), 1e-9, day.body());
        }
    }

    private HttpResponse<String> send(String path, String user, String csv) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (csv == null) {
            b.GET();
        } else {
            b.header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
