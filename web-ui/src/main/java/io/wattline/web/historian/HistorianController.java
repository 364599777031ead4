package io.wattline.web.historian;

import io.wattline.historian.Historian;
import io.wattline.historian.HistorianStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/historian/status}: store counters, rollup and retention state, forwarder depth, lag and rate, alarms. */
@RestController
public class HistorianController {

    private final Historian historian;

    public HistorianController(Historian historian) {
        this.historian = historian;
    }

    @GetMapping("/api/historian/status")
    public Mono<HistorianStatus> status() {
        // the status reads counters from DuckDB: keep it off the event loop
        return Mono.fromCallable(historian::status).subscribeOn(Schedulers.boundedElastic());
    }
}
