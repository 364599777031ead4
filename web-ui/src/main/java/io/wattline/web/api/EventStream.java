package io.wattline.web.api;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What every Server-Sent Events controller does besides its events: a comment every 15 s keeps
 * proxies from timing out, and open streams end when the application stops, before the web server's
 * graceful shutdown, which would otherwise wait its full timeout for browsers that never hang up.
 */
public abstract class EventStream implements SmartLifecycle {

    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;

    /** The events, with heartbeats, until the application stops. */
    protected <T> Flux<ServerSentEvent<T>> served(Flux<ServerSentEvent<T>> events) {
        Flux<ServerSentEvent<T>> heartbeat = Flux.interval(HEARTBEAT)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<T>builder().comment("heartbeat").build());
        return Flux.merge(events, heartbeat).takeUntilOther(stopping.asMono());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
