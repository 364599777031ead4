package io.wattline.collector.plan;

import io.wattline.core.device.LearnedReadPlan;
import io.wattline.core.plant.Meter;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reads of one device, planned from its profile as the device really answers it: points it
 * refuses are left out, register spans it will not read across are not joined, and a request
 * limit it showed is kept ({@link Refusals}). What is learned is kept in a {@link LearnedPlanStore}
 * when one is given. Thread-safe: the device's poller lane learns, anyone may read.
 */
public final class MeterPlan {

    private static final Logger log = LoggerFactory.getLogger(MeterPlan.class);

    private final Meter meter;
    private final DeviceProfile profile;
    private final PlanStrategy strategy;
    private final Map<String, List<PointDefinition>> groups;
    private final LearnedPlanStore store;
    private final String fingerprint;
    private volatile State state;

    private record State(Refusals refusals, Map<String, List<ReadRequest>> requests) {
    }

    /**
     * @param groups the device's points by poll group, in profile order
     * @param store  where learning is kept; null keeps it in memory only
     */
    public MeterPlan(Meter meter, DeviceProfile profile, PlanStrategy strategy, Map<String, List<PointDefinition>> groups,
            LearnedPlanStore store) {
        this.meter = meter;
        this.profile = profile;
        this.strategy = strategy;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.store = store;
        this.fingerprint = LearnedPlanStore.fingerprint(profile, meter.connectionId(), meter.unitId());
        Refusals known = store == null ? Refusals.NONE : store.load(meter.id(), fingerprint).orElse(Refusals.NONE);
        if (!known.isEmpty()) {
            log.info("meter {} (unit {}): reads planned around what it refused before ({} point(s) refused, learned {})",
                    meter.id(), meter.unitId(), known.refusedPoints().size(), known.learnedAt());
        }
        this.state = plan(known);
    }

    private State plan(Refusals refusals) {
        DeviceProfile corrected = ReadableCorrection.corrected(profile, refusals);
        Map<String, List<ReadRequest>> requests = new LinkedHashMap<>();
        groups.forEach((group, points) -> {
            List<PointDefinition> asked = points.stream()
                    .filter(p -> !refusals.refusedPoints().containsKey(p.name())).toList();
            requests.put(group, asked.isEmpty() ? List.of() : RequestPlanner.plan(asked, corrected, strategy));
        });
        return new State(refusals, requests);
    }

    /** The reads of a poll group now. */
    public List<ReadRequest> requests(String group) {
        return state.requests().getOrDefault(group, List.of());
    }

    /** The points of a poll group the device refuses, in profile order. */
    public List<PointDefinition> refused(String group) {
        Map<String, String> refused = state.refusals().refusedPoints();
        return groups.getOrDefault(group, List.of()).stream().filter(p -> refused.containsKey(p.name())).toList();
    }

    /** Why the device refuses a point; null when it does not. */
    public String refusalReason(String point) {
        return state.refusals().refusedPoints().get(point);
    }

    public int refusedCount() {
        return state.refusals().refusedPoints().size();
    }

    public int pointCount() {
        return groups.values().stream().mapToInt(List::size).sum();
    }

    public Refusals refusals() {
        return state.refusals();
    }

    /** The longest read the profile allows now (its quirk, lowered by what the device showed). */
    public int maxRegistersPerRequest() {
        return ReadableCorrection.corrected(profile, state.refusals()).quirks().maxRegistersPerRequest();
    }

    /** Adds what a healing found, plans again and keeps it. */
    public synchronized void learn(Map<String, String> refusedPoints, List<RegisterRange> unreadable, Integer maxRegisters,
            Instant now) {
        Refusals next = state.refusals().plus(refusedPoints, unreadable, maxRegisters, now);
        state = plan(next);
        if (store != null) {
            store.save(meter.id(), profile.id(), fingerprint, next);
        }
    }

    /** Forgets everything learned: every point is asked again, as the profile plans it. */
    public synchronized void forget() {
        state = plan(Refusals.NONE);
        if (store != null) {
            store.forget(meter.id());
        }
    }

    /** What was learned, the reads planned now and the suggested profile correction; empty if nothing was learned. */
    public Optional<LearnedReadPlan> report() {
        State now = state;
        if (now.refusals().isEmpty()) {
            return Optional.empty();
        }
        List<LearnedReadPlan.Read> reads = new ArrayList<>();
        now.requests().forEach((group, requests) -> requests.forEach(r -> reads.add(new LearnedReadPlan.Read(group,
                ReadableCorrection.name(new RegisterRange(r.function(), r.start(), r.end())), r.start(), r.count(),
                r.points().stream().map(PointDefinition::name).toList()))));
        List<LearnedReadPlan.RefusedPoint> refused = now.refusals().refusedPoints().entrySet().stream()
                .map(e -> new LearnedReadPlan.RefusedPoint(e.getKey(), e.getValue())).toList();
        List<LearnedReadPlan.Range> readable = ReadableCorrection.readable(profile, now.refusals()).stream()
                .map(r -> ReadableCorrection.range(profile.addressBase(), r)).toList();
        String device = "meter " + meter.id() + " (unit " + meter.unitId() + " on " + meter.connectionId() + ")";
        return Optional.of(new LearnedReadPlan(profile.id(), now.refusals().learnedAt(), reads, refused, readable,
                now.refusals().maxRegisters(), ReadableCorrection.suggestion(profile, now.refusals(), device)));
    }

    public Meter meter() {
        return meter;
    }

    public DeviceProfile profile() {
        return profile;
    }
}
