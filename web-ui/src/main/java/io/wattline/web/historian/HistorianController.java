package io.wattline.web.historian;

import io.wattline.historian.Historian;
import io.wattline.historian.HistorianStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/historian/status}: store counters, rollup and retention state, forwarder depth, lag and rate, alarms. */
@RestController
public class HistorianController {

    private final Historian historian;

    public HistorianController(Historian historian) {
        this.historian = historian;
    }

    @GetMapping("/api/historian/status")
    public Mono<HistorianStatus> status() {
        // from memory and one statvfs call: answered on the event loop, so it stays fast when the
        // disk is full or every worker is busy
        return Mono.fromSupplier(historian::status);
    }
}
