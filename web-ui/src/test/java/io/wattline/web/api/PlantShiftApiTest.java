package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.PlantConfigLoader;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.web.RunningPlant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/plant/shift} on the demo plant's own calendar (Asia/Shanghai, morning 06–14,
 * afternoon 14–22, night 22–06 belonging to the day it starts): the trends page's "this shift".
 */
class PlantShiftApiTest {

    private static Plant demo;

    @BeforeAll
    static void loadDemo() throws Exception {
        demo = new PlantConfigLoader(ProfileCatalog.builtIn()::find).loadResource("demo/plant.yaml");
    }

    private static WebTestClient client(Instant now) {
        return WebTestClient.bindToController(new PlantController(new RunningPlant(demo, null),
                Clock.fixed(now, ZoneOffset.UTC))).controllerAdvice(new ApiErrorHandler()).build();
    }

    @ParameterizedTest(name = "{0} is in the {1} shift of {2}")
    @CsvSource({
        // instant (UTC)        shift      production day  start (plant time, +08:00)
        "2026-12-02T00:30:00Z, morning,   2026-12-02, 2026-12-02T06:00+08:00, 2026-12-02T14:00+08:00",
        "2026-12-01T22:00:00Z, morning,   2026-12-02, 2026-12-02T06:00+08:00, 2026-12-02T14:00+08:00",
        "2026-12-02T07:00:00Z, afternoon, 2026-12-02, 2026-12-02T14:00+08:00, 2026-12-02T22:00+08:00",
        "2026-12-02T15:00:00Z, night,     2026-12-02, 2026-12-02T22:00+08:00, 2026-12-03T06:00+08:00",
        "2026-12-02T21:59:59Z, night,     2026-12-02, 2026-12-02T22:00+08:00, 2026-12-03T06:00+08:00",
    })
    void theShiftInProgressInThePlantsZone(String now, String shift, String day, String start, String end) {
        PlantController.ShiftView v = client(Instant.parse(now)).get().uri("/api/plant/shift").exchange()
                .expectStatus().isOk().expectBody(PlantController.ShiftView.class).returnResult().getResponseBody();
        assertEquals(shift, v.id());
        assertEquals(day, v.productionDay().toString());
        assertEquals(start, v.start());
        assertEquals(end, v.end());
        assertTrue(v.name() != null && !v.name().isBlank());
    }

    @Test
    void atGivesAnotherInstantAndABadOneIsA400() {
        WebTestClient c = client(Instant.parse("2026-12-02T00:30:00Z"));
        PlantController.ShiftView v = c.get().uri("/api/plant/shift?at=2026-12-02T07:00:00Z").exchange()
                .expectStatus().isOk().expectBody(PlantController.ShiftView.class).returnResult().getResponseBody();
        assertEquals("afternoon", v.id());
        c.get().uri("/api/plant/shift?at=yesterday").exchange().expectStatus().isBadRequest();
    }
}
