package io.wattline.web.load;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The bounded pool heavy reports run on: a few workers and a short queue; beyond it a request is
 * answered 503 with {@code Retry-After} at once instead of piling up memory. A report that runs past
 * its time limit, or whose client went away, is stopped: its worker is interrupted and its store
 * reads are cancelled (the historian closes their connections, which interrupts DuckDB). Collection
 * and the live path never run here: they have their own threads.
 */
public final class ReportPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportPool.class);

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final Consumer<Thread> cancelReads;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();

    /**
     * @param threads     reports computed at once
     * @param queue       reports waiting beyond those; more are refused with 503
     * @param timeout     longest a report may run before it is stopped (503)
     * @param cancelReads cancels the store reads of a worker thread
     */
    public ReportPool(int threads, int queue, Duration timeout, Consumer<Thread> cancelReads) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("report pool needs at least 1 thread and a queue of 0 or more, was "
                    + threads + " and " + queue);
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "report-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-timer");
            t.setDaemon(true);
            return t;
        });
        this.timeout = timeout;
        this.cancelReads = cancelReads;
    }

    private static volatile ReportPool shared;

    /**
     * A process-wide pool with the default sizing (2 threads, 8 waiting, 60 s) and no read
     * cancellation, for controllers built by hand (tests) rather than by the application's wiring.
     */
    public static ReportPool shared() {
        if (shared == null) {
            synchronized (ReportPool.class) {
                if (shared == null) {
                    shared = new ReportPool(2, 8, Duration.ofSeconds(60), thread -> { });
                }
            }
        }
        return shared;
    }

    /** Runs {@code work} on the pool; the Mono fails with {@link ServiceUnavailableException} when full or too slow. */
    public <T> Mono<T> submit(String what, Callable<T> work) {
        return Mono.create(sink -> {
            AtomicReference<Thread> runner = new AtomicReference<>();
            AtomicReference<String> stopReason = new AtomicReference<>();
            Future<?> future;
            try {
                future = workers.submit(() -> {
                    runner.set(Thread.currentThread());
                    try {
                        T result = work.call();
                        if (stopReason.get() == null) {
                            sink.success(result);
                        }
                    } catch (Throwable e) {
                        String reason = stopReason.get();
                        if (reason != null) {
                            sink.error(new ServiceUnavailableException("report_timeout", reason, Duration.ofSeconds(30)));
                        } else {
                            sink.error(e);
                        }
                    } finally {
                        runner.set(null);
                        Thread.interrupted(); // a late cancel must not leak into the next report
                    }
                });
            } catch (RejectedExecutionException full) {
                rejected.incrementAndGet();
                sink.error(new ServiceUnavailableException("reports_busy", "too many reports at once: "
                        + workers.getMaximumPoolSize() + " running and " + workers.getQueue().size()
                        + " waiting; try again shortly / 同时请求的报表过多，请稍后再试", Duration.ofSeconds(5)));
                return;
            }
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                stopReason.set(what + " took longer than " + timeout.toSeconds() + " s and was stopped; ask for a shorter"
                        + " range or a coarser period / 报表超过 " + timeout.toSeconds() + " 秒已停止，请缩短时间范围");
                stop(future, runner.get());
                sink.error(new ServiceUnavailableException("report_timeout", stopReason.get(), Duration.ofSeconds(30)));
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            sink.onCancel(() -> {
                // the client went away: stop computing what nobody will read
                stopReason.compareAndSet(null, what + " cancelled: the client went away");
                deadline.cancel(false);
                stop(future, runner.get());
            });
            sink.onDispose(() -> deadline.cancel(false));
        });
    }

    // The reads first, then the interrupt: the worker answers as soon as it is interrupted.
    private void stop(Future<?> future, Thread thread) {
        stopped.incrementAndGet();
        if (thread != null) {
            try {
                cancelReads.accept(thread);
            } catch (RuntimeException e) {
                log.debug("cancelling the reads of {} failed: {}", thread.getName(), e.getMessage());
            }
        }
        future.cancel(true);
    }

    /** Reports refused because the pool was full, since start. */
    public long rejected() {
        return rejected.get();
    }

    /** Reports stopped (time limit or client gone), since start. */
    public long stopped() {
        return stopped.get();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }
}
