package io.wattline.web.opcua;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The north-bound OPC UA server, built (its key made once per data directory) and started once the
 * web server serves (issue 12, fast start), on the thread that calls {@link #start()}; closed with
 * the application, also when that comes first.
 */
public final class NorthboundStartup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NorthboundStartup.class);

    private final Supplier<NorthboundServer> factory;
    private final CompletableFuture<NorthboundServer> started = new CompletableFuture<>();
    private boolean closed;

    public NorthboundStartup(Supplier<NorthboundServer> factory) {
        this.factory = factory;
    }

    /** Builds and starts the server; a failure is logged (the pages and collection go on without it). */
    public synchronized void start() {
        if (closed || started.isDone()) {
            return;
        }
        try {
            started.complete(factory.get().start());
        } catch (RuntimeException e) {
            log.error("the north-bound OPC UA server did not start: {}", e.getMessage(), e);
            started.completeExceptionally(e);
        }
    }

    /** The running server, waiting up to {@code wait} for its start. */
    public NorthboundServer server(Duration wait) throws Exception {
        return started.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
        NorthboundServer server = started.getNow(null);
        if (server != null) {
            server.close();
        } else {
            started.cancel(false);
        }
    }
}
