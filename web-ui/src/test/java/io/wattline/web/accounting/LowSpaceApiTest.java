package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.historian.Historian;
import io.wattline.historian.support.SmallVolume;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import io.wattline.web.historian.HistorianController;
import io.wattline.web.load.ReportPool;
import io.wattline.web.load.ServiceUnavailableHandler;
import io.wattline.web.load.WriteGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, disk full as a state, over HTTP on a real small volume: below the low-space watermark
 * production entries and imports are answered 503 at once with the reason and Retry-After, the
 * status answers at once with the alarm, and entries are taken again when space returns.
 */
@Tag("integration")
@Timeout(300)
class LowSpaceApiTest {

    @TempDir
    Path dir;

    @Test
    void entriesAndImportsAre503WithTheReasonWhileLowAndTakenAgainAfter() throws Exception {
        try (SmallVolume volume = SmallVolume.mount(dir.resolve("vol"), 160)) {
            DemoDay day = DemoDay.simulate(volume.path().resolve("data"), 1, true);
            try (Historian historian = day.historian) {
                AccountingService accounting = AccountingWiring.create(day.catalogue, historian, "", false);
                LineKpis kpis = new LineKpis(day.catalogue, accounting, historian.reader(),
                        new ProductionLog(volume.path().resolve("data").resolve(ProductionLog.FILE_NAME)));
                Clock clock = Clock.fixed(Instant.parse("2026-03-03T04:00:00Z"), ZoneOffset.UTC);
                RunningPlant running = new RunningPlant(day.plant, null);
                WriteGuard guard = new WriteGuard(historian);
                WebTestClient client = WebTestClient.bindToController(
                                new KpiController(kpis, running, clock, ReportPool.shared(), guard),
                                new ReadingImportController(null, ReadingImportController.DEFAULT_MAX_BYTES, guard), new HistorianController(historian))
                        .controllerAdvice(new ApiErrorHandler(), new ServiceUnavailableHandler())
                        .configureClient().responseTimeout(Duration.ofSeconds(30)).build();
                Map<String, Object> entry = Map.of("line", "line1", "from", "2026-03-02T08:00:00+08:00",
                        "to", "2026-03-02T09:00:00+08:00", "count", 10);

                volume.fillWithBallast();
                long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (historian.writesHeld().isEmpty()) {
                    assertTrue(System.nanoTime() < waitUntil, "the store never noticed the full volume");
                    Thread.onSpinWait();
                }
                long started = System.nanoTime();
                JsonNode refused = client.post().uri("/api/production").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(entry).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().exists("Retry-After")
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
                assertEquals("low_disk_space", refused.get("error").asString(), refused.toString());
                assertTrue(refused.get("message").asString().contains("low disk space"), refused.toString());
                client.post().uri("/api/readings/import").contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("point,time,value\n").exchange()
                        .expectStatus().isEqualTo(503);
                JsonNode status = client.get().uri("/api/historian/status").exchange().expectStatus().isOk()
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
                assertTrue(status.get("alarms").toString().contains(Historian.ALARM_LOW_SPACE), status.toString());
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertTrue(tookMs < 10_000, "answered at once, not after a hang: " + tookMs + " ms");

                volume.freeBallast();
                waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (historian.writesHeld().isPresent()) {
                    assertTrue(System.nanoTime() < waitUntil, "writing never resumed: " + historian.status());
                    Thread.onSpinWait();
                }
                client.post().uri("/api/production").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(entry).exchange().expectStatus().isCreated();
            }
        }
    }
}
