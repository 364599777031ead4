package io.wattline.collector.poll;

import io.wattline.collector.health.DeviceHealthTracker;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.modbus.LateAnswer;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.plan.MeterPlan;
import io.wattline.core.DurationWords;
import io.wattline.core.device.DeviceHealth;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus scheduler of one connection. Each link given is one lane with its own thread, so a
 * serial bus (one link) has exactly one request outstanding and a TCP gateway as many as its
 * configured concurrency; every meter belongs to one lane. Each poll task runs on its own period.
 * A request without an answer is retried {@code retries} times; then the meter is backed off
 * (see {@link DeviceHealthTracker}) and only probed with its smallest read until it answers, so a
 * dead meter costs its neighbours one timeout per backoff period instead of one per cycle.
 * {@link #probeNow} ends a meter's rest and polls it at once.
 */
public final class ConnectionPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoller.class);

    private final String connectionId;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<PollTask> tasks;
    private final Map<String, DeviceHealthTracker> health;
    private final Map<String, MeterPlan> plans;
    private final TaskRunner runner;
    private volatile boolean started;
    private volatile boolean closed;

    /** A poller that reads every task as planned (no healing of refused reads). */
    public ConnectionPoller(String connectionId, List<ModbusLink> links, List<PollTask> tasks,
            Map<String, DeviceHealthTracker> health, SampleBus bus, Clock clock, int retries) {
        this(connectionId, links, tasks, health, Map.of(), bus, clock, retries);
    }

    /**
     * @param links   one link per lane (its size is the connection's concurrency); the poller owns
     *                and closes them
     * @param health  tracker per meter id of every task's meter
     * @param plans   per meter id, the plan that heals refused reads and learns around them; a meter
     *                without one is read as its tasks were planned
     * @param clock   stamps samples when a response arrives; the schedule itself runs on the
     *                monotonic {@link System#nanoTime()} so a clock step does not bunch up polls
     * @param retries extra attempts for a request that got no answer, before the meter is backed off
     */
    public ConnectionPoller(String connectionId, List<ModbusLink> links, List<PollTask> tasks,
            Map<String, DeviceHealthTracker> health, Map<String, MeterPlan> plans, SampleBus bus, Clock clock,
            int retries) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.tasks = List.copyOf(tasks);
        this.health = Map.copyOf(health);
        this.plans = Map.copyOf(plans);
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        if (links.isEmpty()) {
            throw new IllegalArgumentException("connection " + connectionId + ": no link");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries " + retries + " < 0");
        }
        for (PollTask t : this.tasks) {
            if (!this.health.containsKey(t.meter().id())) {
                throw new IllegalArgumentException("no health tracker for meter " + t.meter().id());
            }
        }
        this.runner = new TaskRunner(connectionId, this.health, this.plans, bus, clock, retries, () -> closed);
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

    /**
     * Polls a meter of this connection now: its rest (if OFFLINE) ends and its tasks run at once.
     * The future completes with its health after that. Empty when the meter is not on this connection.
     *
     * @param forget also forget what the meter was learned to refuse, so every point is asked again
     */
    public Optional<CompletableFuture<DeviceHealth>> probeNow(String meterId, boolean forget) {
        for (Lane lane : lanes) {
            if (lane.tasks.stream().anyMatch(t -> t.meter().id().equals(meterId))) {
                CompletableFuture<DeviceHealth> done = new CompletableFuture<>();
                if (closed) {
                    done.completeExceptionally(new IllegalStateException("connection " + connectionId + " is closed"));
                } else {
                    lane.probes.add(new ProbeRequest(meterId, forget, done));
                    LockSupport.unpark(lane.thread);
                }
                return Optional.of(done);
            }
        }
        return Optional.empty();
    }

    private record ProbeRequest(String meterId, boolean forget, CompletableFuture<DeviceHealth> done) {
    }

    private final class Lane {
        final String name;
        final ModbusLink link;
        final List<PollTask> tasks;
        final Thread thread;
        final ConcurrentLinkedQueue<ProbeRequest> probes = new ConcurrentLinkedQueue<>();
        /** Probes waiting for their meter's next run; touched by the lane's thread only. */
        final Map<String, List<CompletableFuture<DeviceHealth>>> waiting = new HashMap<>();

        Lane(String name, ModbusLink link, List<PollTask> tasks) {
            this.name = name;
            this.link = Objects.requireNonNull(link, "link");
            this.tasks = List.copyOf(tasks);
            this.thread = new Thread(this::loop, "poll-" + name);
            this.thread.setDaemon(true);
            Map<Integer, DeviceHealthTracker> byUnit = new HashMap<>();
            this.tasks.forEach(t -> byUnit.put(t.meter().unitId(), health.get(t.meter().id())));
            link.setLateAnswerListener(late -> lateAnswer(late, byUnit.get(late.unitId())));
        }

        void loop() {
            long[] due = new long[tasks.size()];
            long now = System.nanoTime();
            for (int i = 0; i < due.length; i++) {
                due[i] = now;
            }
            while (!closed && !tasks.isEmpty()) {
                takeProbes(due);
                int next = 0;
                for (int i = 1; i < due.length; i++) {
                    if (due[i] - due[next] < 0) {
                        next = i;
                    }
                }
                long wait = due[next] - System.nanoTime();
                if (wait > 0) {
                    // probeNow() unparks us early; close() interrupts.
                    LockSupport.parkNanos(this, wait);
                    if (Thread.interrupted()) {
                        break;
                    }
                    continue;
                }
                PollTask task = tasks.get(next);
                DeviceHealthTracker tracker = health.get(task.meter().id());
                try {
                    if (tracker.backedOff(System.nanoTime())) {
                        // No request (the meter is resting), but its points still say why they have no value.
                        runner.publishResting(task, tracker);
                    } else if (!tracker.offline() || runner.probe(link, task, tracker)) {
                        runner.run(link, task);
                    }
                } catch (RuntimeException e) {
                    // Whatever broke (a throwing subscriber, a bug), the lane's only thread must survive it.
                    log.error("{} on {}: poll cycle failed", task.label(), name, e);
                }
                List<CompletableFuture<DeviceHealth>> answered = waiting.remove(task.meter().id());
                if (answered != null) {
                    answered.forEach(f -> f.complete(tracker.snapshot()));
                }
                due[next] = nextDue(due[next], task.period().toNanos(), System.nanoTime());
                if (tracker.offline() && tracker.nextProbeNanos() - due[next] > 0) {
                    // Nothing to do for this meter before its probe.
                    due[next] = tracker.nextProbeNanos();
                }
            }
            probes.forEach(p -> p.done().completeExceptionally(new IllegalStateException("lane " + name + " stopped")));
            waiting.values().forEach(l -> l.forEach(f -> f.completeExceptionally(
                    new IllegalStateException("lane " + name + " stopped"))));
            log.debug("lane {} stopped", name);
        }

        /** Makes the meters asked for by {@link #probeNow} due at once, their rest ended. */
        private void takeProbes(long[] due) {
            for (ProbeRequest p; (p = probes.poll()) != null; ) {
                long now = System.nanoTime();
                DeviceHealthTracker tracker = health.get(p.meterId());
                MeterPlan plan = plans.get(p.meterId());
                if (p.forget() && plan != null) {
                    plan.forget();
                    tracker.refusedPoints(0, plan.pointCount());
                    log.info("meter {} on {}: forgot what it refused; every point is asked again", p.meterId(),
                            connectionId);
                }
                tracker.probeNow(now);
                for (int i = 0; i < tasks.size(); i++) {
                    if (tasks.get(i).meter().id().equals(p.meterId())) {
                        due[i] = now;
                    }
                }
                waiting.computeIfAbsent(p.meterId(), m -> new ArrayList<>()).add(p.done());
                log.info("meter {} on {}: probe requested", p.meterId(), connectionId);
            }
        }
    }

    private void lateAnswer(LateAnswer late, DeviceHealthTracker tracker) {
        String message = FailureReason.late(late);
        log.warn("{} on {}", message, connectionId);
        if (tracker != null) {
            tracker.lateAnswer(message, "an earlier request to this unit was answered after "
                    + DurationWords.format(late.answeredAfter()) + ": raise the timeout");
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
