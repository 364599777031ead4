package io.wattline.collector.poll;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.plan.ReadRequest;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.profiles.PointDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every meter on one connection from a single thread, so at most one request is in flight
 * on the connection. Each poll task runs on its own period; a failing meter yields BAD samples
 * and costs the others at most one timeout per cycle, never a stop.
 */
public final class ConnectionPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoller.class);

    private final String connectionId;
    private final ModbusLink link;
    private final List<PollTask> tasks;
    private final SampleBus bus;
    private final Clock clock;
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param clock stamps samples when a response arrives; the schedule itself runs on the
     *              monotonic {@link System#nanoTime()} so a clock step does not bunch up polls
     */
    public ConnectionPoller(String connectionId, ModbusLink link, List<PollTask> tasks, SampleBus bus, Clock clock) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.link = Objects.requireNonNull(link, "link");
        this.tasks = List.copyOf(tasks);
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::loop, "poll-" + connectionId);
        this.thread.setDaemon(true);
    }

    /** Starts the poller thread; every task runs once right away, then on its period. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        thread.start();
        log.info("polling {} task(s) on {} ({})", tasks.size(), connectionId, link.endpoint());
    }

    private void loop() {
        long[] due = new long[tasks.size()];
        long now = System.nanoTime();
        for (int i = 0; i < due.length; i++) {
            due[i] = now;
        }
        while (!closed && !tasks.isEmpty()) {
            int next = 0;
            for (int i = 1; i < due.length; i++) {
                if (due[i] - due[next] < 0) {
                    next = i;
                }
            }
            long wait = due[next] - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    // close() interrupts to stop us; the flag decides.
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            PollTask task = tasks.get(next);
            try {
                runOnce(task);
            } catch (RuntimeException e) {
                // Whatever broke (a throwing subscriber, a bug), the connection's only thread must survive it.
                log.error("{} on {}: poll cycle failed", task.label(), connectionId, e);
            }
            long period = task.period().toNanos();
            long after = System.nanoTime();
            // Stay on the task's grid; cycles missed while a slow device held the line are skipped, not caught up.
            due[next] += period;
            if (due[next] - after <= 0) {
                due[next] += ((after - due[next]) / period + 1) * period;
            }
        }
        log.debug("poller {} stopped", connectionId);
    }

    /** Issues the task's reads once and publishes one sample per point. */
    void runOnce(PollTask task) {
        List<ReadRequest> requests = task.requests();
        int unitId = task.meter().unitId();
        String meterId = task.meter().id();
        String failure = null;
        for (int r = 0; r < requests.size() && !closed; r++) {
            ReadRequest request = requests.get(r);
            try {
                int[] values = link.read(unitId, request.function(), request.start(), request.count());
                Instant time = clock.instant();
                for (PointDefinition point : request.points()) {
                    bus.publish(PointDecoder.decode(meterId, request, point, values, time));
                }
            } catch (ModbusReadException e) {
                failure = e.reason();
                publishBad(meterId, request.points(), failure);
                if (e.kind() == ModbusReadException.Kind.TIMEOUT || e.kind() == ModbusReadException.Kind.IO) {
                    // The device (or the gateway) is not answering: the rest of this cycle would
                    // only cost more timeouts, so its points go BAD with the same reason.
                    for (ReadRequest rest : requests.subList(r + 1, requests.size())) {
                        publishBad(meterId, rest.points(), failure);
                    }
                    break;
                }
            } catch (RuntimeException e) {
                // A decoding bug must not kill the connection's thread: report it on the points.
                failure = "internal error: " + e;
                log.error("{} on {}: decoding {} failed", task.label(), connectionId, request, e);
                publishBad(meterId, request.points(), failure);
            }
            pause(task.pauseBetweenRequests());
        }
        reportTransition(task, failure);
    }

    private void publishBad(String meterId, List<PointDefinition> points, String reason) {
        Instant time = clock.instant();
        for (PointDefinition point : points) {
            bus.publish(Sample.bad(new PointId(meterId, point.name()), time, reason));
        }
    }

    private void reportTransition(PollTask task, String failure) {
        String before = lastFailure.get(task.label());
        if (Objects.equals(before, failure)) {
            return;
        }
        if (failure == null) {
            lastFailure.remove(task.label());
            log.info("{} on {} answers again", task.label(), connectionId);
        } else {
            lastFailure.put(task.label(), failure);
            log.warn("{} on {} (unit {}): {}", task.label(), connectionId, task.meter().unitId(), failure);
        }
    }

    private void pause(Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            // Only close() interrupts this thread; keep the flag so the loop sees it.
            Thread.currentThread().interrupt();
        }
    }

    public String connectionId() {
        return connectionId;
    }

    public List<PollTask> tasks() {
        return tasks;
    }

    /** Asks the thread to stop after its current request, without waiting. */
    public void stop() {
        closed = true;
        thread.interrupt();
    }

    /** Stops the thread (waiting up to the current request's timeout) and closes the link. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("poller {} did not stop within 10 s", connectionId);
        }
        link.close();
    }

    /** For tests and health pages: tasks currently failing and why. */
    public Map<String, String> failingTasks() {
        return Map.copyOf(lastFailure);
    }
}
