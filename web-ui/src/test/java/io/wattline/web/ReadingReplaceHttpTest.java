package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.accounting.ConsumptionController;
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
 * +10 m3 an hour, so the day is 240 m3) are imported by an engineer; the day's report is computed and then
 * kept (closed period); an operator's {@code replace=true} is refused (403) and changes nothing; the
 * engineer's replacement of the midnight reading that ends the day (1,260 → 1,270 m3) is answered with
 * {@code replaced: 1}, is in the audit log (the app's own {@code AuditTrail} bean, read back through
 * {@code GET /api/audit}), and the next report is recomputed, not kept: 250 m3.
 */
@Tag("integration")
@Timeout(300)
class ReadingReplaceHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PLANT = ZoneId.of("Asia/Shanghai");
    private static final String DAY = "/api/consumption?group=site&period=day&carrier=water&from=2026-03-05&to=2026-03-06";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;

    @Test
    void onlyAnEngineerReplacesItIsAuditedAndTheKeptReportIsRecomputed() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            base = TestLogin.baseUrl(app);
            String engineer = TestLogin.user(app, Role.ENGINEER);
            String operator = TestLogin.user(app, Role.OPERATOR);
            String admin = TestLogin.user(app, Role.ADMIN);

            StringBuilder csv = new StringBuilder("meter,point,time,value\n");
            LocalDateTime start = LocalDateTime.parse("2026-03-04T22:00");
            for (int h = 0; h <= 28; h++) {
                csv.append("water-main,volume_forward,").append(start.plusHours(h).atZone(PLANT).toOffsetDateTime())
                        .append(',').append(1000 + 10 * h).append('\n');
            }
            HttpResponse<String> imported = send("POST", "/api/readings/import", engineer, csv.toString());
            assertEquals(200, imported.statusCode(), imported.body());
            assertEquals(29, JSON.readTree(imported.body()).get("written").asInt(), imported.body());

            assertEquals(240.0, dayValue(engineer, "computed"), 1e-9);
            assertEquals(240.0, dayValue(engineer, "cached"), 1e-9);

            String fix = "water-main,volume_forward,2026-03-06 00:00,1270\n";
            HttpResponse<String> refused = send("POST", "/api/readings/import?replace=true", operator, fix);
            assertEquals(403, refused.statusCode(), refused.body());
            HttpResponse<String> conflicting = send("POST", "/api/readings/import", engineer, fix);
            assertEquals(200, conflicting.statusCode(), conflicting.body());
            assertTrue(conflicting.body().contains("with the value 1260.0"), conflicting.body());
            assertEquals(240.0, dayValue(engineer, "cached"), 1e-9, "a refused correction changes nothing");

            HttpResponse<String> replaced = send("POST", "/api/readings/import?replace=true", engineer, fix);
            assertEquals(200, replaced.statusCode(), replaced.body());
            assertEquals(1, JSON.readTree(replaced.body()).get("replaced").asInt(), replaced.body());

            HttpResponse<String> audit = send("GET", "/api/audit?action=readings.replace", admin, null);
            assertEquals(200, audit.statusCode(), audit.body());
            assertTrue(audit.body().contains("water-main.volume_forward@2026-03-05T16:00:00Z"), audit.body());
            assertTrue(audit.body().contains("1260.0 -> 1270.0"), audit.body());
            assertTrue(audit.body().contains("\"" + engineer + "\""), audit.body());

            assertEquals(250.0, dayValue(engineer, "computed"), 1e-9, "the kept report is not the store's any more");
        }
    }

    private double dayValue(String user, String expectedCache) throws Exception {
        HttpResponse<String> r = send("GET", DAY, user, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expectedCache, r.headers().firstValue(ConsumptionController.CACHE_HEADER).orElse(""), r.body());
        JsonNode rows = JSON.readTree(r.body()).get("rows");
        assertEquals(1, rows.size(), r.body());
        return rows.get(0).get("value").asDouble();
    }

    private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
