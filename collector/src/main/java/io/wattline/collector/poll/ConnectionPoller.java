package io.wattline.collector.poll;

import io.wattline.collector.health.DeviceHealthTracker;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus scheduler of one connection. Each link given is one lane with its own thread, so a
 * serial bus (one link) has exactly one request outstanding and a TCP gateway as many as its
 * configured concurrency; every meter belongs to one lane. Each poll task runs on its own period.
 * A request without an answer is retried {@code retries} times; then the meter is backed off
 * (see {@link DeviceHealthTracker}) and only probed with its smallest read until it answers, so a
 * dead meter costs its neighbours one timeout per backoff period instead of one per cycle.
 */
public final class ConnectionPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoller.class);

    private final String connectionId;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<PollTask> tasks;
    private final Map<String, DeviceHealthTracker> health;
    private final SampleBus bus;
    private final Clock clock;
    private final int retries;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param links   one link per lane (its size is the connection's concurrency); the poller owns
     *                and closes them
     * @param health  tracker per meter id of every task's meter
     * @param clock   stamps samples when a response arrives; the schedule itself runs on the
     *                monotonic {@link System#nanoTime()} so a clock step does not bunch up polls
     * @param retries extra attempts for a request that got no answer, before the meter is backed off
     */
    public ConnectionPoller(String connectionId, List<ModbusLink> links, List<PollTask> tasks,
            Map<String, DeviceHealthTracker> health, SampleBus bus, Clock clock, int retries) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.tasks = List.copyOf(tasks);
        this.health = Map.copyOf(health);
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (links.isEmpty()) {
            throw new IllegalArgumentException("connection " + connectionId + ": no link");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries " + retries + " < 0");
        }
        this.retries = retries;
        for (PollTask t : this.tasks) {
            if (!this.health.containsKey(t.meter().id())) {
                throw new IllegalArgumentException("no health tracker for meter " + t.meter().id());
            }
        }
        // Meters are dealt to lanes in turn; all tasks of one meter stay in one lane.
        Map<String, List<PollTask>> byMeter = new LinkedHashMap<>();
        for (PollTask t : this.tasks) {
            byMeter.computeIfAbsent(t.meter().id(), m -> new ArrayList<>()).add(t);
        }
        List<List<PollTask>> perLane = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            perLane.add(new ArrayList<>());
        }
        int i = 0;
        for (List<PollTask> meterTasks : byMeter.values()) {
            perLane.get(i++ % links.size()).addAll(meterTasks);
        }
        for (int l = 0; l < links.size(); l++) {
            lanes.add(new Lane(connectionId + (links.size() > 1 ? "#" + l : ""), links.get(l), perLane.get(l)));
        }
    }

    /** Starts the lanes; every task runs once right away, then on its period. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        lanes.forEach(l -> l.thread.start());
        log.info("polling {} task(s) on {} ({}, {} lane(s))", tasks.size(), connectionId,
                lanes.get(0).link.endpoint(), lanes.size());
    }

    private final class Lane {
        final String name;
        final ModbusLink link;
        final List<PollTask> tasks;
        final Thread thread;

        Lane(String name, ModbusLink link, List<PollTask> tasks) {
            this.name = name;
            this.link = Objects.requireNonNull(link, "link");
            this.tasks = List.copyOf(tasks);
            this.thread = new Thread(this::loop, "poll-" + name);
            this.thread.setDaemon(true);
        }

        void loop() {
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
                DeviceHealthTracker tracker = health.get(task.meter().id());
                try {
                    if (tracker.backedOff(System.nanoTime())) {
                        // No request (the meter is resting), but its points still say why they have no value.
                        String reason = tracker.snapshot().lastError();
                        task.requests().forEach(r -> publishBad(task.meter().id(), r.points(), reason));
                    } else if (!tracker.offline() || probe(link, task, tracker)) {
                        runOnce(link, task);
                    }
                } catch (RuntimeException e) {
                    // Whatever broke (a throwing subscriber, a bug), the lane's only thread must survive it.
                    log.error("{} on {}: poll cycle failed", task.label(), name, e);
                }
                due[next] = nextDue(due[next], task.period().toNanos(), System.nanoTime());
                if (tracker.offline() && tracker.nextProbeNanos() - due[next] > 0) {
                    // Nothing to do for this meter before its probe.
                    due[next] = tracker.nextProbeNanos();
                }
            }
            log.debug("lane {} stopped", name);
        }
    }

    /** The next slot on the task's grid after {@code now}; cycles missed while the line was busy are skipped. */
    static long nextDue(long due, long period, long now) {
        long next = due + period;
        if (next - now <= 0) {
            next += ((now - next) / period + 1) * period;
        }
        return next;
    }

    /**
     * One attempt of the task's smallest read on a meter whose backoff has run out. True when it
     * answered (the task then runs in full); otherwise its points get the failure as BAD again.
     */
    private boolean probe(ModbusLink link, PollTask task, DeviceHealthTracker tracker) {
        if (task.requests().isEmpty()) {
            return true;
        }
        ReadRequest smallest = task.requests().stream().min(Comparator.comparingInt(ReadRequest::count)).orElseThrow();
        long started = System.nanoTime();
        try {
            link.read(task.meter().unitId(), smallest.function(), smallest.start(), smallest.count());
            tracker.answered(System.nanoTime() - started);
            log.info("{} on {} answers again", task.label(), connectionId);
            return true;
        } catch (ModbusReadException e) {
            if (answers(e)) {
                // It is there, even if this read is refused: poll it normally again.
                tracker.answeredWithError(e.reason());
                return true;
            }
            tracker.unanswered(e.reason(), System.nanoTime());
            log.debug("{} on {}: probe failed ({}), next in {}", task.label(), connectionId, e.reason(),
                    tracker.backoff());
            task.requests().forEach(r -> publishBad(task.meter().id(), r.points(), e.reason()));
            return false;
        }
    }

    private static boolean answers(ModbusReadException e) {
        return e.kind() == ModbusReadException.Kind.EXCEPTION_CODE || e.kind() == ModbusReadException.Kind.BAD_RESPONSE;
    }

    /** Issues the task's reads once (with retries) and publishes one sample per point. */
    void runOnce(ModbusLink link, PollTask task) {
        List<ReadRequest> requests = task.requests();
        int unitId = task.meter().unitId();
        String meterId = task.meter().id();
        DeviceHealthTracker tracker = health.get(meterId);
        boolean wasOffline = tracker.offline();
        for (int r = 0; r < requests.size() && !closed; r++) {
            ReadRequest request = requests.get(r);
            for (int attempt = 0; !closed; attempt++) {
                long started = System.nanoTime();
                try {
                    int[] values = link.read(unitId, request.function(), request.start(), request.count());
                    tracker.answered(System.nanoTime() - started);
                    Instant time = clock.instant();
                    for (PointDefinition point : request.points()) {
                        bus.publish(PointDecoder.decode(meterId, request, point, values, time));
                    }
                    break;
                } catch (ModbusReadException e) {
                    boolean retryable = e.kind() != ModbusReadException.Kind.EXCEPTION_CODE;
                    if (retryable && attempt < retries) {
                        tracker.retrying(e.reason());
                        continue;
                    }
                    publishBad(meterId, request.points(), e.reason());
                    if (answers(e)) {
                        tracker.answeredWithError(e.reason());
                        break;
                    }
                    tracker.unanswered(e.reason(), System.nanoTime());
                    // The meter (or the gateway) is not answering: the rest of this cycle would
                    // only cost more timeouts, so its points go BAD with the same reason.
                    for (ReadRequest rest : requests.subList(r + 1, requests.size())) {
                        publishBad(meterId, rest.points(), e.reason());
                    }
                    if (!wasOffline) {
                        log.warn("{} on {} (unit {}) is OFFLINE: {}; probing again in {}", task.label(), connectionId,
                                unitId, e.reason(), tracker.backoff());
                    }
                    return;
                } catch (RuntimeException e) {
                    // A decoding bug must not kill the lane's thread: report it on the points.
                    String reason = "internal error: " + e;
                    tracker.failedLocally(reason);
                    log.error("{} on {}: decoding {} failed", task.label(), connectionId, request, e);
                    publishBad(meterId, request.points(), reason);
                    break;
                }
            }
            pause(task.pauseBetweenRequests());
        }
    }

    private void publishBad(String meterId, List<PointDefinition> points, String reason) {
        Instant time = clock.instant();
        for (PointDefinition point : points) {
            bus.publish(Sample.bad(new PointId(meterId, point.name()), time, reason));
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

    /** How many requests may be outstanding at once on this connection. */
    public int concurrency() {
        return lanes.size();
    }

    /** Asks the lanes to stop after their current request, without waiting. */
    public void stop() {
        closed = true;
        lanes.forEach(l -> l.thread.interrupt());
    }

    /** Stops the lanes (waiting up to the current request's timeout) and closes the links. */
    @Override
    public void close() {
        stop();
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lane.thread.isAlive()) {
                log.warn("lane {} did not stop within 10 s", lane.name);
            }
            lane.link.close();
        }
    }
}
