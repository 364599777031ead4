package io.wattline.fleet;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread an edge publisher or a central host does all its MQTT work on, in order, so
 * sequence numbers follow publication order and no client callback ever blocks. After
 * {@link #close} new work is dropped silently (a late callback of a closing client).
 */
public final class SerialWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialWorker.class);

    private final String name;
    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    public SerialWorker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public boolean closed() {
        return closed;
    }

    public void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    public void later(Runnable task, Duration delay) {
        if (closed) {
            return;
        }
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: nothing more to do
        }
    }

    public void every(Runnable task, Duration period) {
        executor.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code last} as the final task (an NDEATH, an offline STATE), waits for it, then stops. */
    public void closeAfter(Runnable last, Duration within) {
        closed = true;
        try {
            executor.submit(last).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{}: close did not finish cleanly: {}", name, e.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        closeAfter(() -> { }, Duration.ofSeconds(5));
    }
}
