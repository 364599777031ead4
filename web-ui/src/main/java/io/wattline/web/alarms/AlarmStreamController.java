package io.wattline.web.alarms;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.AlarmView;
import io.wattline.web.api.EventStream;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Alarm changes as Server-Sent Events ({@code GET /api/stream/alarms}): first an {@code alarms}
 * event with every alarm that needs attention, then one {@code alarm} event per change (an
 * {@link AlarmEvent}). A slow browser loses its oldest buffered changes, never holds up the engine;
 * a comment every 15 s keeps proxies from timing out; streams end when the application stops.
 */
@RestController
public class AlarmStreamController extends EventStream {

    static final int BUFFER_PER_SUBSCRIBER = 256;

    private final RunningAlarms alarms;
    private final Sinks.Many<AlarmEvent> changes = Sinks.many().multicast().directBestEffort();

    public AlarmStreamController(RunningAlarms alarms) {
        this.alarms = alarms;
        // called on the engine's thread, one change at a time: emitting never blocks
        alarms.engine().addListener(changes::tryEmitNext);
    }

    @GetMapping(path = "/api/stream/alarms", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> stream() {
        Flux<ServerSentEvent<Object>> live = changes.asFlux()
                .onBackpressureBuffer(BUFFER_PER_SUBSCRIBER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST)
                .publishOn(Schedulers.parallel()) // the engine's thread never runs a subscriber's code
                .map(e -> ServerSentEvent.<Object>builder(e).event("alarm").id(Long.toString(e.alarmId())).build());
        Flux<ServerSentEvent<Object>> first = Flux.defer(() -> Flux.just(ServerSentEvent.<Object>builder(
                alarms.engine().alarms().stream().filter(AlarmView::notable).toList()).event("alarms").build()));
        return served(Flux.concat(first, live));
    }
}
