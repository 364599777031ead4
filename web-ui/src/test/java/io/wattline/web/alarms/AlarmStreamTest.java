package io.wattline.web.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.Sample;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/stream/alarms}: the alarms that need attention first, then every change as it
 * happens: raised, acknowledged (by the user, through the API's command), returned to normal.
 */
class AlarmStreamTest {

    @TempDir
    Path data;

    @Test
    void snapshotThenEveryChange() {
        SampleBus bus = new SampleBus();
        try (RunningAlarms alarms = AlarmTestPlant.start(data, bus)) {
            AlarmStreamController stream = new AlarmStreamController(alarms);
            stream.start();
            WebTestClient client = WebTestClient.bindToController(stream).build();
            Flux<ServerSentEvent<String>> events = client.get().uri("/api/stream/alarms")
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { }).getResponseBody();
            List<ServerSentEvent<String>> seen = events.filter(e -> e.event() != null).doOnNext(e -> {
                if (e.event().equals("alarms")) {
                    bus.publish(Sample.good(AlarmTestPlant.LINE1_POWER, Instant.now(), 150));
                } else if (e.data().contains("\"to\":\"UNACKNOWLEDGED\"")) {
                    Principal li = () -> "li";
                    long id = Long.parseLong(e.id());
                    alarms.engine().acknowledge(id, li.getName(), "seen");
                } else if (e.data().contains("\"to\":\"ACKNOWLEDGED\"")) {
                    bus.publish(Sample.good(AlarmTestPlant.LINE1_POWER, Instant.now(), 50));
                }
            }).take(4).collectList().block(Duration.ofSeconds(20));
            stream.stop();
            assertEquals(List.of("alarms", "alarm", "alarm", "alarm"), seen.stream().map(ServerSentEvent::event).toList());
            assertEquals("[]", seen.get(0).data(), "nothing needed attention when the stream opened");
            assertTrue(seen.get(1).data().contains("\"ruleId\":\"power\"") && seen.get(1).data().contains(
                    "\"from\":\"NORMAL\""), seen.get(1).data());
            assertTrue(seen.get(2).data().contains("\"actor\":\"li\""), seen.get(2).data());
            assertTrue(seen.get(3).data().contains("\"to\":\"NORMAL\"") && seen.get(3).data().contains("\"value\":50.0"),
                    seen.get(3).data());
        } finally {
            bus.close();
        }
    }
}
