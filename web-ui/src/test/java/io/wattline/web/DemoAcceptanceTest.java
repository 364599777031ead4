package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Issue 2's acceptance, in-process: the demo (simulator, collector over real Modbus TCP sockets,
 * DuckDB store, HTTP server) started as {@code wattline demo} starts it, checked over HTTP only,
 * stopped, and started again on the same data directory.
 */
@Tag("integration")
@Timeout(240)
class DemoAcceptanceTest {

    private static final Logger log = LoggerFactory.getLogger(DemoAcceptanceTest.class);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> POINTS =
            new ParameterizedTypeReference<>() { };

    @TempDir
    Path data;

    @Test
    void demoServesLiveValuesStreamsThemAndKeepsHistoryAcrossARestart() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--data", data.toString());
        Instant firstStart = Instant.now();
        String powerPoint;
        Instant stopped;
        long startNanos = System.nanoTime();
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            WebClient web = client(app);

            List<Map<String, Object>> latest = awaitGoodPoints(web, 30, Duration.ofSeconds(30));
            log.info("{} GOOD points {} ms after start", latest.size(), (System.nanoTime() - startNanos) / 1_000_000);

            Map<String, Double> power1 = activePower(latest);
            assertFalse(power1.isEmpty(), "the demo has ACTIVE_POWER points");
            Thread.sleep(3000);
            Map<String, Double> power2 = activePower(read(web));
            long changed = power1.keySet().stream()
                    .filter(id -> power2.containsKey(id) && !power1.get(id).equals(power2.get(id))).count();
            assertTrue(changed * 2 > power1.size(), "most power values change within 3 s: " + power1 + " then " + power2);
            powerPoint = power1.keySet().iterator().next();

            List<ServerSentEvent<String>> events = web.get().uri("/api/stream/points")
                    .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                    .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                    .take(Duration.ofSeconds(5))
                    .collectList().block(Duration.ofSeconds(15));
            long samples = events.stream().filter(e -> "sample".equals(e.event())).count();
            assertTrue(samples >= 10, "at least 10 sample events in 5 s, got " + samples);

            String page = web.get().uri("/").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5));
            assertTrue(page.contains("overview.js"), "the overview is served at /");
            String live = web.get().uri("/live").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5));
            assertTrue(live.contains("app.js"), "the live page is served at /live");
        }
        stopped = Instant.now();

        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            WebClient web = client(app);
            Map<String, Object> series = web.get()
                    .uri(b -> b.path("/api/points/{id}/samples")
                            .queryParam("from", firstStart.toString())
                            .queryParam("to", stopped.toString())
                            .build(powerPoint))
                    .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
                    .block(Duration.ofSeconds(10));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> stored = (List<Map<String, Object>>) series.get("samples");
            assertTrue(stored.size() >= 3, "the first run's samples of " + powerPoint + " survive the restart: " + stored);
            for (Map<String, Object> s : stored) {
                Instant t = Instant.parse((String) s.get("time"));
                assertTrue(!t.isBefore(firstStart) && t.isBefore(stopped), t + " lies in the first run");
            }
            assertEquals(powerPoint, series.get("id"));
        }
    }

    private static WebClient client(ConfigurableApplicationContext app) {
        return TestLogin.client(app);
    }

    private static List<Map<String, Object>> read(WebClient web) {
        return web.get().uri("/api/points/latest").retrieve().bodyToMono(POINTS).block(Duration.ofSeconds(5));
    }

    private static List<Map<String, Object>> awaitGoodPoints(WebClient web, int atLeast, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Map<String, Object>> points = List.of();
        long good = 0;
        while (System.nanoTime() < deadline) {
            try {
                points = read(web);
            } catch (IllegalStateException slowAnswer) {
                // devices connect in the background after the server is up (issue 12): on a loaded
                // machine an early answer may take longer than the read timeout; ask again
                continue;
            }
            good = points.stream().filter(p -> "GOOD".equals(p.get("quality"))).count();
            if (good >= atLeast) {
                return points;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + good + " of " + points.size() + " points GOOD after " + within);
    }

    private static Map<String, Double> activePower(List<Map<String, Object>> points) {
        return points.stream()
                .filter(p -> "ACTIVE_POWER".equals(p.get("quantity")) && "GOOD".equals(p.get("quality")))
                .collect(Collectors.toMap(p -> (String) p.get("id"), p -> ((Number) p.get("value")).doubleValue(),
                        (a, b) -> a, java.util.TreeMap::new));
    }
}
