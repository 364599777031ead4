package io.wattline.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.audit.AuditTrail;
import io.wattline.web.TestLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The abuse limits through the real security chain: repeated wrong passwords lock the user out from
 * that address (429 with Retry-After, even with the right password), an import larger than its limit
 * gets 413 naming the limit, and a user's live streams are capped.
 */
class AbuseLimitsTest {

    /** Stand-ins for an import route and a live stream, so the limits are tested without a plant. */
    @RestController
    static class Routes {
        @PostMapping(value = "/api/reports/bills.csv", consumes = "text/csv")
        Map<String, Integer> importCsv(@RequestBody String csv) {
            return Map.of("length", csv.length());
        }

        @GetMapping(value = "/api/stream/points", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<String> stream() {
            return Flux.interval(Duration.ofMillis(100)).map(i -> "tick " + i);
        }
    }

    @TempDir
    Path data;

    private WebTestClient client(AuditTrail audit, RequestLimits limits) {
        TestLogin.user(data, "li", Role.ENGINEER);
        return WebTestClient.bindToController(new Routes()).webFilter(TestLogin.security(data, audit), limits)
                .configureClient().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOutFromThatAddress() {
        List<String> actions = new CopyOnWriteArrayList<>();
        WebTestClient client = client(e -> actions.add(e.action()), new RequestLimits(1024, 4096, 2));
        for (int i = 0; i < LoginThrottle.PAIR_FAILURES; i++) {
            String wrong = "wrong-" + i;
            client.get().uri("/api/stream/points").headers(h -> h.setBasicAuth("li", wrong)).exchange()
                    .expectStatus().isUnauthorized();
        }
        client.get().uri("/api/stream/points").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD)).exchange()
                .expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "30")
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("try again in 30 s"),
                        m.toString()));
        assertEquals(LoginThrottle.PAIR_FAILURES, actions.stream().filter("login.failure"::equals).count());
        assertTrue(actions.contains("login.throttled"), actions.toString());
    }

    @Test
    void aFileLargerThanItsLimitGets413WithTheLimit() {
        WebTestClient client = client(AuditTrail.NONE, new RequestLimits(1024, 4096, 2));
        String small = "meter,point,time,value\n" + "m1,energy,2026-12-01T00:00:00Z,1\n".repeat(50);
        client.post().uri("/api/reports/bills.csv").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(small).exchange().expectStatus().isOk();
        String large = "meter,point,time,value\n" + "m1,energy,2026-12-01T00:00:00Z,1\n".repeat(200);
        client.post().uri("/api/reports/bills.csv").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(large).exchange()
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.message")
                .value(m -> assertTrue(m.toString().contains("limit of 4 KiB"), m.toString()));
    }

    @Test
    void aUsersLiveStreamsAreCapped() {
        RequestLimits limits = new RequestLimits(1024, 4096, 2);
        WebFilterChain openStream = exchange -> Mono.never();
        Disposable first = limits.filter(stream("li"), openStream).subscribe();
        Disposable second = limits.filter(stream("li"), openStream).subscribe();
        MockServerWebExchange third = stream("li");
        limits.filter(third, openStream).block(Duration.ofSeconds(10));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, third.getResponse().getStatusCode());
        assertTrue(third.getResponse().getBodyAsString().block(Duration.ofSeconds(10)).contains("2 live streams"));

        MockServerWebExchange otherUser = stream("wang");
        Disposable wangs = limits.filter(otherUser, openStream).subscribe();
        assertEquals(null, otherUser.getResponse().getStatusCode(), "another user's stream is not counted with li's");

        first.dispose();
        MockServerWebExchange again = stream("li");
        Disposable reopened = limits.filter(again, openStream).subscribe();
        assertEquals(null, again.getResponse().getStatusCode(), "a closed stream frees its place");
        List.of(second, wangs, reopened).forEach(Disposable::dispose);
    }

    private static MockServerWebExchange stream(String user) {
        Principal principal = () -> user;
        return MockServerWebExchange.builder(MockServerHttpRequest.get("/api/stream/points")).principal(principal)
                .build();
    }
}
