package io.wattline.collector;

import io.wattline.collector.health.HealthPoints;
import io.wattline.collector.plan.LearnedPlanStore;
import io.wattline.collector.plan.MeterPlan;
import io.wattline.collector.plan.PlanStrategy;
import io.wattline.collector.poll.PollTask;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Meter;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a Modbus meter into its poll tasks: one per poll group of its profile, read at the period
 * the point catalogue gives the group's points (the catalogue alone decides periods), with the
 * reads planned by the connection's strategy around what the device was found to refuse (its
 * {@link MeterPlan}). Checks that profile and catalogue agree.
 */
final class ModbusTaskPlanner {

    /** A meter's poll tasks, its catalogued points in profile order, and the plan that learns its refusals. */
    record Planned(List<PollTask> tasks, List<CataloguedPoint> points, MeterPlan plan) {
    }

    private final PointCatalogue catalogue;
    private final Function<String, DeviceProfile> profiles;
    private final LearnedPlanStore store;

    /** @param store keeps what devices refused across restarts; null keeps it in memory only */
    ModbusTaskPlanner(PointCatalogue catalogue, Function<String, DeviceProfile> profiles, LearnedPlanStore store) {
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.store = store;
    }

    /** @throws IllegalArgumentException naming the meter when its profile or its catalogue entries are wrong */
    Planned plan(Meter meter, PlanStrategy strategy) {
        DeviceProfile profile = profileOf(meter);
        Map<String, List<PointDefinition>> byGroup = new LinkedHashMap<>();
        for (PointDefinition p : profile.points()) {
            if (p.name().startsWith(HealthPoints.PREFIX)) {
                // Health points live under the meter id too: a profile point with their prefix would clash.
                throw new IllegalArgumentException("meter " + meter.id() + ": profile " + profile.id()
                        + " point '" + p.name() + "' uses the prefix '" + HealthPoints.PREFIX
                        + "' reserved for communication health points " + HealthPoints.NAMES);
            }
            byGroup.computeIfAbsent(p.pollGroup(), g -> new ArrayList<>()).add(p);
        }
        MeterPlan plan = new MeterPlan(meter, profile, strategy, byGroup, store);
        List<PollTask> tasks = new ArrayList<>();
        List<CataloguedPoint> points = new ArrayList<>();
        Duration pause = profile.quirks() == null ? Duration.ZERO : profile.quirks().pauseBetweenRequests();
        for (Map.Entry<String, List<PointDefinition>> e : byGroup.entrySet()) {
            List<CataloguedPoint> group = e.getValue().stream().map(p -> catalogued(meter, profile, p)).toList();
            Duration period = group.get(0).period();
            for (CataloguedPoint p : group) {
                if (!p.period().equals(period)) {
                    throw new IllegalArgumentException("meter " + meter.id() + ": poll group '" + e.getKey()
                            + "' has points catalogued at " + period + " and at " + p.period() + " (" + p.id() + ")");
                }
            }
            points.addAll(group);
            tasks.add(new PollTask(meter, e.getKey(), period, plan.requests(e.getKey()), pause));
        }
        return new Planned(tasks, points, plan);
    }

    private CataloguedPoint catalogued(Meter meter, DeviceProfile profile, PointDefinition p) {
        return catalogue.find(new PointId(meter.id(), p.name())).filter(c -> !c.health())
                .orElseThrow(() -> new IllegalArgumentException("meter " + meter.id() + ": point '" + p.name()
                        + "' of profile " + profile.id() + " is not in the point catalogue"
                        + " (was the catalogue built from another plant or profile?)"));
    }

    private DeviceProfile profileOf(Meter meter) {
        DeviceProfile profile;
        try {
            profile = profiles.apply(meter.profile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("meter " + meter.id() + ": profile '" + meter.profile()
                    + "' cannot be loaded: " + e.getMessage(), e);
        }
        if (profile == null) {
            throw new IllegalArgumentException("meter " + meter.id() + ": unknown profile '"
                    + meter.profile() + "'");
        }
        return profile;
    }
}
