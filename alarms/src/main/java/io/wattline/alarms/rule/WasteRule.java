package io.wattline.alarms.rule;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.TimeWindow;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.ShiftInstance;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waste: a line draws more than a set power while it should not, that is in one of its breaks, in
 * a shift it does not work, or (when asked) in a shift the rotation puts no crew on. The line's
 * power is the sum of the latest good active-power readings of its meters (a sub-meter of another
 * meter on the same line is not counted twice).
 */
public final class WasteRule implements AlarmRule {

    private final AlarmDefinition definition;
    private final Set<PointId> powerPoints;
    private final Map<PointId, Double> latest = new LinkedHashMap<>();
    private final AlarmRuleSettings.Waste settings;
    private final ShiftCalendar calendar;
    private final ZoneId zone;

    public WasteRule(AlarmRuleSettings.Waste settings, RuleContext context) {
        this.settings = settings;
        String ruleId = settings.basics().id();
        context.line(ruleId, settings.line());
        this.powerPoints = powerPoints(context, settings.line());
        if (powerPoints.isEmpty()) {
            throw new IllegalArgumentException("alarm rule " + ruleId + ": line " + settings.line()
                    + " has no meter that reads active power");
        }
        this.calendar = context.plant().shiftCalendar();
        this.zone = context.zone();
        this.definition = RuleContext.definition(settings.basics(), "waste", settings.line(), "", settings.line(), null,
                settings.aboveKw(), "kW", false, context.lineNames(settings.basics(), settings.line()));
    }

    /** The active-power points of the line's meters that are not sub-meters of another meter on the line. */
    static Set<PointId> powerPoints(RuleContext context, String lineId) {
        List<Meter> meters = context.catalogue().metersOnLine(lineId);
        Set<String> onLine = meters.stream().map(Meter::id).collect(Collectors.toSet());
        Set<PointId> out = new java.util.LinkedHashSet<>();
        for (Meter m : meters) {
            if (m.parentMeterId() != null && onLine.contains(m.parentMeterId())) {
                continue;
            }
            context.catalogue().ofMeter(m.id()).stream().filter(p -> p.quantity() == Quantity.ACTIVE_POWER)
                    .map(CataloguedPoint::id).findFirst().ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return List.of(definition);
    }

    @Override
    public void onSample(Sample sample, List<Observation> out) {
        if (!powerPoints.contains(sample.point()) || !sample.isGood()) {
            return;
        }
        latest.put(sample.point(), sample.value());
        evaluate(sample.time(), out);
    }

    @Override
    public void onTick(Instant now, List<Observation> out) {
        evaluate(now, out);
    }

    private void evaluate(Instant time, List<Observation> out) {
        if (latest.isEmpty()) {
            return;
        }
        double kw = latest.values().stream().mapToDouble(Double::doubleValue).sum();
        out.add(new Observation(definition.key(), idle(time) && kw > settings.aboveKw(), kw, time));
    }

    /** True while the line should not be drawing power. */
    boolean idle(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        LocalTime clock = local.toLocalTime();
        for (TimeWindow w : settings.breaks()) {
            if (w.contains(clock)) {
                return true;
            }
        }
        ShiftInstance shift = calendar.shiftAt(local);
        if (settings.idleShifts().contains(shift.shift().id())) {
            return true;
        }
        return settings.whenNoCrew() && !calendar.rotation().isEmpty() && shift.crew() == null;
    }
}
