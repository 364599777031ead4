package io.wattline.collector.poll;

import io.wattline.collector.health.DeviceHealthTracker;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.plan.MeterPlan;
import io.wattline.collector.plan.ReadRequest;
import io.wattline.collector.plan.RequestHealer;
import io.wattline.core.DurationWords;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.profiles.PointDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one poll task on a link: its reads with retries, a probe of a resting device, and healing
 * when the device refuses a read with exception 02 or 03 ({@link RequestHealer}: the reads are split
 * until the refused points and spans are found, the device's {@link MeterPlan} learns them, and the
 * values it did serve are published at once). Every sample and health event carries a reason that
 * names unit, function, address and count.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final String connectionId;
    private final Map<String, DeviceHealthTracker> health;
    private final Map<String, MeterPlan> plans;
    private final SampleBus bus;
    private final Clock clock;
    private final int retries;
    private final BooleanSupplier closed;

    /** @param plans the plan of each meter that heals its reads; a meter without one is read as planned */
    TaskRunner(String connectionId, Map<String, DeviceHealthTracker> health, Map<String, MeterPlan> plans,
            SampleBus bus, Clock clock, int retries, BooleanSupplier closed) {
        this.connectionId = connectionId;
        this.health = health;
        this.plans = plans;
        this.bus = bus;
        this.clock = clock;
        this.retries = retries;
        this.closed = closed;
    }

    /** The task's reads now: as its meter's plan has learned them, else as planned at start. */
    List<ReadRequest> requests(PollTask task) {
        MeterPlan plan = plans.get(task.meter().id());
        return plan == null ? task.requests() : plan.requests(task.group());
    }

    /** A resting device is not asked, but every point of the task says again why it has no value. */
    void publishResting(PollTask task, DeviceHealthTracker tracker) {
        String reason = tracker.snapshot().lastError();
        requests(task).forEach(r -> publishBad(task.meter().id(), r.points(), reason));
        publishRefused(task);
    }

    /**
     * One attempt of the task's smallest read on a device whose rest has run out. True when it
     * answered (the task then runs in full); otherwise its points get the failure as BAD again.
     */
    boolean probe(ModbusLink link, PollTask task, DeviceHealthTracker tracker) {
        List<ReadRequest> requests = requests(task);
        if (requests.isEmpty()) {
            return true;
        }
        ReadRequest smallest = requests.stream().min(Comparator.comparingInt(ReadRequest::count)).orElseThrow();
        long started = System.nanoTime();
        try {
            link.read(task.meter().unitId(), smallest.function(), smallest.start(), smallest.count());
            tracker.answered(System.nanoTime() - started);
            log.info("{} on {} (unit {}) answers again", task.label(), connectionId, task.meter().unitId());
            return true;
        } catch (ModbusReadException e) {
            String reason = reason(e, task, smallest, link, tracker);
            if (answers(e)) {
                // It is there, even if this read is refused: poll it normally again (and heal).
                tracker.answeredWithError(reason);
                return true;
            }
            tracker.unanswered(reason, System.nanoTime());
            log.debug("{} on {}: probe failed ({}), next in {}", task.label(), connectionId, reason,
                    DurationWords.format(tracker.backoff()));
            requests.forEach(r -> publishBad(task.meter().id(), r.points(), reason));
            publishRefused(task);
            return false;
        }
    }

    /** Issues the task's reads once (with retries) and publishes one sample per point. */
    void run(ModbusLink link, PollTask task) {
        List<ReadRequest> requests = requests(task);
        String meterId = task.meter().id();
        DeviceHealthTracker tracker = health.get(meterId);
        boolean wasOffline = tracker.offline();
        publishRefused(task);
        for (int r = 0; r < requests.size() && !closed.getAsBoolean(); r++) {
            ReadRequest request = requests.get(r);
            for (int attempt = 0; !closed.getAsBoolean(); attempt++) {
                long started = System.nanoTime();
                try {
                    int[] values = link.read(task.meter().unitId(), request.function(), request.start(), request.count());
                    tracker.answered(System.nanoTime() - started);
                    publish(task, request, values);
                    break;
                } catch (ModbusReadException e) {
                    String reason = reason(e, task, request, link, tracker);
                    if (e.isRefusal() && plans.containsKey(meterId)) {
                        if (!heal(link, task, request, e, reason, tracker)) {
                            failRest(task, requests.subList(r + 1, requests.size()), tracker.snapshot().lastError());
                            return;
                        }
                        break;
                    }
                    boolean retryable = e.kind() != ModbusReadException.Kind.EXCEPTION_CODE;
                    if (retryable && attempt < retries) {
                        tracker.retrying(reason);
                        continue;
                    }
                    publishBad(meterId, request.points(), reason);
                    if (answers(e)) {
                        tracker.answeredWithError(reason);
                        break;
                    }
                    tracker.unanswered(reason, System.nanoTime());
                    // The device (or the gateway) is not answering: the rest of this cycle would
                    // only cost more timeouts, so its points go BAD with the same reason.
                    failRest(task, requests.subList(r + 1, requests.size()), reason);
                    if (!wasOffline) {
                        log.warn("{} on {} (unit {}) is OFFLINE: {}; probing again in {}", task.label(), connectionId,
                                task.meter().unitId(), reason, DurationWords.format(tracker.backoff()));
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

    /**
     * Finds out what the device refuses in {@code refused} and learns it; publishes what it served.
     * False when healing met a device that stopped answering (the cycle ends like after a timeout).
     */
    private boolean heal(ModbusLink link, PollTask task, ReadRequest refused, ModbusReadException cause, String reason,
            DeviceHealthTracker tracker) {
        MeterPlan plan = plans.get(task.meter().id());
        tracker.refused(reason);
        int unitId = task.meter().unitId();
        RequestHealer.Outcome outcome;
        try {
            outcome = RequestHealer.heal(refused, cause, request -> {
                long started = System.nanoTime();
                try {
                    int[] values = link.read(unitId, request.function(), request.start(), request.count());
                    tracker.answered(System.nanoTime() - started);
                    return values;
                } catch (ModbusReadException e) {
                    if (e.isRefusal()) {
                        // An answer, as Modbus says it should be: the device is there and healthy.
                        tracker.answered(System.nanoTime() - started);
                    }
                    throw e;
                } finally {
                    pause(task.pauseBetweenRequests());
                }
            }, plan.maxRegistersPerRequest());
        } catch (ModbusReadException e) {
            String failure = reason(e, task, refused, link, tracker);
            publishBad(task.meter().id(), refused.points(), failure);
            if (answers(e)) {
                tracker.answeredWithError(failure);
                return true;
            }
            tracker.unanswered(failure, System.nanoTime());
            return false;
        }
        for (RequestHealer.Accepted accepted : outcome.accepted()) {
            publish(task, accepted.request(), accepted.values());
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        outcome.refused().forEach((point, refusal) -> reasons.put(point.name(), "refused: "
                + reason(refusal.cause(), task, refusal.request(), link, tracker)
                + "; not asked again until the profile changes"));
        plan.learn(reasons, outcome.unreadable(), outcome.maxRegisters(), clock.instant());
        tracker.refusedPoints(plan.refusedCount(), plan.pointCount());
        publishRefused(task);
        log.warn("{} on {} (unit {}) refused {}: {} read(s) to find out; {} point(s) refused ({}), {} span(s) it will"
                        + " not read across {}; now {} read(s) for this group (see GET /api/devices for the profile correction)",
                task.label(), connectionId, unitId, reason, outcome.reads(), reasons.size(), reasons.keySet(),
                outcome.unreadable().size(), outcome.unreadable().stream().map(r -> r.start() + ".." + (r.end() - 1)
                        + String.format(" (0x%04X..0x%04X)", r.start(), r.end() - 1)).toList(),
                plan.requests(task.group()).size());
        return true;
    }

    /** BAD samples for points the device refuses, with the reason it was learned with (no request). */
    private void publishRefused(PollTask task) {
        MeterPlan plan = plans.get(task.meter().id());
        if (plan == null) {
            return;
        }
        Instant time = clock.instant();
        for (PointDefinition p : plan.refused(task.group())) {
            bus.publish(Sample.bad(new PointId(task.meter().id(), p.name()), time, plan.refusalReason(p.name())));
        }
    }

    private void failRest(PollTask task, List<ReadRequest> rest, String reason) {
        for (ReadRequest request : rest) {
            publishBad(task.meter().id(), request.points(), reason);
        }
    }

    private void publish(PollTask task, ReadRequest request, int[] values) {
        Instant time = clock.instant();
        for (PointDefinition point : request.points()) {
            bus.publish(PointDecoder.decode(task.meter().id(), task.meter().unitId(), request, point, values, time));
        }
    }

    private String reason(ModbusReadException e, PollTask task, ReadRequest request, ModbusLink link,
            DeviceHealthTracker tracker) {
        Duration timeout = link.timeout().orElse(null);
        return FailureReason.of(e, task.meter().unitId(), request.function(), request.start(), request.count(), timeout,
                link.endpoint(), tracker.lateHint());
    }

    private static boolean answers(ModbusReadException e) {
        return e.kind() == ModbusReadException.Kind.EXCEPTION_CODE || e.kind() == ModbusReadException.Kind.BAD_RESPONSE;
    }

    void publishBad(String meterId, List<PointDefinition> points, String reason) {
        Instant time = clock.instant();
        for (PointDefinition point : points) {
            bus.publish(Sample.bad(new PointId(meterId, point.name()), time, reason));
        }
    }

    private static void pause(Duration pause) {
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
}
