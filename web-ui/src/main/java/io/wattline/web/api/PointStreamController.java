package io.wattline.web.api;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Live samples of the catalogue's points (health points included) as Server-Sent Events, one
 * {@code sample} event per sample. Each subscriber has its
 * own bounded buffer that drops its oldest samples when the browser is slow, so a slow client
 * never holds up collection or other clients; a comment every 15 s keeps proxies from timing out.
 * Open streams end when the application stops, before the web server's graceful shutdown, which
 * would otherwise wait its full timeout for browsers that never hang up.
 */
@RestController
public class PointStreamController extends EventStream {

    static final int BUFFER_PER_SUBSCRIBER = 512;

    private final Map<PointId, CataloguedPoint> points;
    private final SampleBus bus;
    private final java.util.concurrent.atomic.AtomicInteger clients = new java.util.concurrent.atomic.AtomicInteger();

    public PointStreamController(PointCatalogue catalogue, SampleBus bus) {
        this.points = catalogue.all().stream()
                .collect(Collectors.toUnmodifiableMap(CataloguedPoint::id, Function.identity()));
        this.bus = bus;
    }

    @GetMapping(path = "/api/stream/points", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<PointView>> stream() {
        // A slow browser loses its oldest buffered samples (counted by the bus), never holds up the pollers.
        Flux<ServerSentEvent<PointView>> samples = bus.bufferedStream(BUFFER_PER_SUBSCRIBER)
                .mapNotNull(s -> {
                    CataloguedPoint info = points.get(s.point());
                    return info == null ? null : ServerSentEvent.builder(PointView.of(info, s))
                            .event("sample").build();
                });
        return served(samples).doOnSubscribe(s -> clients.incrementAndGet()).doFinally(s -> clients.decrementAndGet());
    }

    /** Clients following the stream now (a metric). */
    public int clients() {
        return clients.get();
    }
}
