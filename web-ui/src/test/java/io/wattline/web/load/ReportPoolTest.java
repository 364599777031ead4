package io.wattline.web.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The bounded report pool: beyond its workers and queue a report is refused at once (503 with
 * Retry-After), a report past its time limit is stopped and its reads cancelled, and a report whose
 * client went away is stopped too.
 */
class ReportPoolTest {

    private final List<Thread> cancelled = new CopyOnWriteArrayList<>();

    @Test
    void beyondWorkersAndQueueAReportIsRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ReportPool pool = new ReportPool(1, 1, Duration.ofSeconds(30), cancelled::add)) {
            var running = pool.submit("r1", () -> release.await(30, TimeUnit.SECONDS)).toFuture();
            var waiting = pool.submit("r2", () -> "second").toFuture();
            Throwable refused = pool.submit("r3", () -> "third").materialize().block(Duration.ofSeconds(2)).getThrowable();
            ServiceUnavailableException busy = assertInstanceOf(ServiceUnavailableException.class, refused,
                    "the third report is refused at once");
            assertEquals("reports_busy", busy.code());
            assertEquals(Duration.ofSeconds(5), busy.retryAfter());
            assertEquals(1, pool.rejected());
            release.countDown();
            assertEquals(true, running.get(10, TimeUnit.SECONDS));
            assertEquals("second", waiting.get(10, TimeUnit.SECONDS), "the waiting report ran");
            assertEquals("fourth", pool.submit("r4", () -> "fourth").block(Duration.ofSeconds(10)), "afterwards reports run again");
        }
    }

    @Test
    void aReportPastItsTimeLimitIsStoppedAndItsReadsCancelled() {
        // 3 s: time enough for the worker to start even on a loaded machine, so there is a read to cancel
        try (ReportPool pool = new ReportPool(1, 1, Duration.ofSeconds(3), cancelled::add)) {
            Throwable error = pool.submit("the slow report", () -> {
                Thread.sleep(30_000);
                return "never";
            }).materialize().block(Duration.ofSeconds(10)).getThrowable();
            ServiceUnavailableException e = assertInstanceOf(ServiceUnavailableException.class, error);
            assertEquals("report_timeout", e.code());
            assertTrue(e.getMessage().contains("the slow report took longer than"), e.getMessage());
            assertEquals(1, cancelled.size(), "the worker's reads were cancelled");
            assertTrue(cancelled.get(0).getName().startsWith("report-"));
            assertEquals("ok", pool.submit("next", () -> "ok").block(Duration.ofSeconds(10)), "the worker is free again");
        }
    }

    @Test
    void aReportWhoseClientWentAwayIsStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (ReportPool pool = new ReportPool(1, 0, Duration.ofSeconds(30), cancelled::add)) {
            Disposable client = pool.submit("r", () -> {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return "late";
            }).subscribe();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            client.dispose(); // what WebFlux does when the connection closes
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the worker was interrupted");
            assertEquals(1, cancelled.size());
            assertEquals(1, pool.stopped());
        }
    }
}
