package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.forward.ForwarderOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/readings/import} streams its body into the importer: a body far above the 3 MB a
 * buffered body may have is imported; above the configured limit the answer is 413; a replacement
 * without an authenticated user is refused with 403.
 */
class ReadingImportStreamTest {

    private static final PointId ENERGY = PointId.parse("line1-power.active_energy_import");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private static Historian historian;
    private static ReadingImporter importer;

    @BeforeAll
    static void open() {
        historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(), ForwarderOptions.defaults(), CLOCK);
        importer = new ReadingImporter(p -> p.equals(ENERGY) ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Optional.empty(),
                historian.readings(), historian.writer(), entry -> { }, ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static WebTestClient client(long maxBytes) {
        return WebTestClient.bindToController(new ReadingImportController(importer, maxBytes, io.wattline.web.load.WriteGuard.none())).configureClient()
                .responseTimeout(Duration.ofMinutes(3)).build();
    }

    /** {@code rows} readings a minute apart from 2026-02-01, about 60 bytes each. */
    private static byte[] csv(int rows) {
        StringBuilder s = new StringBuilder("meter,point,time,value\n");
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            s.append("line1-power,active_energy_import,").append(start.plusSeconds(60L * i)).append(',')
                    .append(100000 + 0.5 * i).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOfManyMegabytesIsStreamedIn() {
        byte[] body = csv(120_000);
        assertTrue(body.length > 7_000_000, "body of " + body.length + " bytes");
        byte[] answer = client(ReadingImportController.DEFAULT_MAX_BYTES).post().uri("/api/readings/import")
                .contentType(new MediaType("text", "csv")).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode result = JSON.readTree(answer);
        assertEquals(120_000, result.get("rows").asLong(), result.toString());
        assertEquals(120_000, result.get("written").asLong() + result.get("alreadyStored").asLong(), result.toString());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] answer = client(200_000).post().uri("/api/readings/import").contentType(new MediaType("text", "csv"))
                .bodyValue(csv(20_000)).exchange()
                .expectStatus().isEqualTo(413).expectHeader().contentType("application/problem+json")
                .expectBody().returnResult().getResponseBody();
        String message = JSON.readTree(answer).get("message").asString();
        assertTrue(message.contains("larger than 200000 bytes"), message);
    }

    @Test
    void aReplacementWithoutAUserIs403() {
        byte[] answer = client(ReadingImportController.DEFAULT_MAX_BYTES).post().uri("/api/readings/import?replace=true")
                .contentType(new MediaType("text", "csv")).bodyValue(csv(3)).exchange()
                .expectStatus().isForbidden().expectHeader().contentType("application/problem+json")
                .expectBody().returnResult().getResponseBody();
        assertEquals("replace", JSON.readTree(answer).get("parameter").asString());
    }
}
