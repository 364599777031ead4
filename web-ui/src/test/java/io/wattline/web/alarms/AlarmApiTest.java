package io.wattline.web.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.audit.AuditTrail;
import io.wattline.testkit.Await;
import io.wattline.web.RunningPlant;
import io.wattline.web.TestLogin;
import io.wattline.web.security.Role;
import io.wattline.web.api.ApiErrorHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The alarm API over a real engine and journal: listing, the journal with its filters, and
 * acknowledge / shelve / unshelve done by the signed-in user through the application's real security
 * chain (no user: 401; a viewer: 403), each recorded in the journal with that user and the comment.
 */
class AlarmApiTest {

    @TempDir
    Path data;

    private final SampleBus bus = new SampleBus();
    private RunningAlarms alarms;
    private WebTestClient client;
    private WebTestClient anonymous;

    @BeforeEach
    void start() {
        alarms = AlarmTestPlant.start(data, bus);
        for (String operator : List.of("li", "wang", "zhang")) {
            TestLogin.user(data, operator, Role.OPERATOR);
        }
        TestLogin.user(data, "viewer", Role.VIEWER);
        client = WebTestClient.bindToController(new AlarmController(alarms, new RunningPlant(AlarmTestPlant.plant(),
                null), Clock.systemUTC())).controllerAdvice(new ApiErrorHandler())
                .webFilter(TestLogin.security(data, AuditTrail.NONE)).build();
        anonymous = client;
        client = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("viewer", TestLogin.PASSWORD)).build();
    }

    @AfterEach
    void stop() {
        alarms.close();
        bus.close();
    }

    private List<Map<String, Object>> list(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult()
                .getResponseBody();
    }

    private long raisePowerAlarm() throws InterruptedException {
        bus.publish(Sample.good(AlarmTestPlant.LINE1_POWER, Instant.now(), 150));
        Await.until(() -> !list("/api/alarms").isEmpty(), Duration.ofSeconds(10), () -> "an active alarm");
        return ((Number) list("/api/alarms").get(0).get("alarmId")).longValue();
    }

    @Test
    void listsWhatNeedsAttentionOrEveryAlarm() throws Exception {
        assertEquals(List.of(), list("/api/alarms"));
        assertEquals(3, list("/api/alarms?all=true").size(), "power high on m1, communication of m1 and m2");
        raisePowerAlarm();
        Map<String, Object> power = list("/api/alarms").get(0);
        assertEquals("UNACKNOWLEDGED", power.get("state"));
        assertEquals("HIGH", power.get("priority"));
        assertEquals("line1", power.get("lineId"));
        assertEquals("power/m1.active_power/H", power.get("key"));
        assertEquals(150.0, ((Number) power.get("value")).doubleValue());
        assertEquals("kW", power.get("unit"));
        @SuppressWarnings("unchecked")
        Map<String, String> messages = (Map<String, String>) power.get("messages");
        assertEquals("Line 1 meter 1号线电表 active_power高报警 150 kW(限值 100 kW)", messages.get("zh-CN"));
    }

    @Test
    void acknowledgeNeedsAUserAndIsJournalledWithTheUserAndComment() throws Exception {
        long id = raisePowerAlarm();
        anonymous.post().uri("/api/alarms/" + id + "/ack").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("sign in")));
        client.post().uri("/api/alarms/" + id + "/ack").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("viewer"), m.toString()));
        client.post().uri("/api/alarms/" + id + "/ack").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("comment", "checking the press 检查压力机")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ACKNOWLEDGED");
        client.post().uri("/api/alarms/" + id + "/ack").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
                .value(m -> assertTrue(m.toString().contains("already acknowledged"), m.toString()));
        client.post().uri("/api/alarms/abc/ack").headers(h -> h.setBasicAuth("li", TestLogin.PASSWORD)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("id");

        List<Map<String, Object>> journal = list("/api/alarms/journal?point=m1");
        assertEquals(List.of("RAISED", "ACKNOWLEDGED"), journal.stream().map(e -> e.get("action")).toList());
        assertEquals("li", journal.get(1).get("actor"));
        assertEquals("checking the press 检查压力机", journal.get(1).get("comment"));
        assertEquals(List.of(), list("/api/alarms/journal?priority=critical"));
        assertEquals(2, list("/api/alarms/journal?priority=high&from=2020-01-01").size());
    }

    @Test
    void shelveAndUnshelve() throws Exception {
        long id = raisePowerAlarm();
        client.post().uri("/api/alarms/" + id + "/shelve").headers(h -> h.setBasicAuth("wang", TestLogin.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("duration", "ten minutes", "reason", "x"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.parameter").isEqualTo("duration");
        client.post().uri("/api/alarms/" + id + "/shelve").headers(h -> h.setBasicAuth("wang", TestLogin.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("duration", "3h", "reason", "sensor swap"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
                .value(m -> assertTrue(m.toString().contains("at most 120 min"), m.toString()));
        client.post().uri("/api/alarms/" + id + "/shelve").headers(h -> h.setBasicAuth("wang", TestLogin.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("duration", "30m", "reason", "sensor swap"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.shelvedBy").isEqualTo("wang")
                .jsonPath("$.shelveReason").isEqualTo("sensor swap");
        client.post().uri("/api/alarms/" + id + "/unshelve").headers(h -> h.setBasicAuth("zhang", TestLogin.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("comment", "swapped"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.shelvedUntil").doesNotExist();
        List<Map<String, Object>> journal = list("/api/alarms/journal");
        assertEquals(List.of("RAISED", "SHELVED", "UNSHELVED"), journal.stream().map(e -> e.get("action")).toList());
        assertEquals("zhang", journal.get(2).get("actor"));
    }

    @Test
    void communicationLossFromDeviceHealthAndBadJournalQueries() throws Exception {
        alarms.engine().onHealth(new DeviceHealth("m2", "c1", 2, DeviceState.OFFLINE, null, null, null, "timeout",
                Instant.now(), null, 3, null, 3, 3));
        Await.until(() -> !list("/api/alarms").isEmpty(), Duration.ofSeconds(10), () -> "communication alarm");
        assertEquals("CRITICAL", list("/api/alarms").get(0).get("priority"));
        assertEquals("Incomer 进线通讯中断", ((Map<?, ?>) list("/api/alarms").get(0).get("messages")).get("zh-CN"));
        client.get().uri("/api/alarms/journal?priority=urgent").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("priority");
        client.get().uri("/api/alarms/journal?from=yesterday").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("from");
        client.get().uri("/api/alarms/journal?from=2026-03-02&to=2026-03-01").exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.parameter").isEqualTo("to");
        assertEquals(List.of(), list("/api/alarms/notifications"), "this plant notifies nobody");
    }
}
