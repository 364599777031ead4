package io.wattline.alarms.rule;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.catalogue.CataloguedPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * High and low limits (ISA-18.2 HH, H, L, LL), each configured level its own alarm on each point.
 * A high alarm's condition starts above its limit and ends only below limit − deadband (a low one:
 * below, and above limit + deadband), so a value hovering at the limit does not chatter. Only good
 * readings count: a point that stops reading is the communication and stale rules' business.
 */
public final class LimitRule implements AlarmRule {

    /** One level of one point: its alarm key, limit and direction. */
    private record Level(String key, double limit, boolean high) {
    }

    private final List<AlarmDefinition> definitions = new ArrayList<>();
    private final Map<PointId, List<Level>> levels = new HashMap<>();
    private final double deadband;
    /** Keys whose condition is abnormal now (for the deadband). */
    private final Set<String> abnormal = new HashSet<>();

    public LimitRule(AlarmRuleSettings.Limit settings, RuleContext context) {
        this.deadband = settings.deadband();
        Map<String, Double> configured = new LinkedHashMap<>();
        configured.put("HH", settings.hh());
        configured.put("H", settings.h());
        configured.put("L", settings.l());
        configured.put("LL", settings.ll());
        for (String id : settings.points()) {
            CataloguedPoint p = context.point(settings.basics().id(), id);
            List<Level> ofPoint = new ArrayList<>();
            configured.forEach((level, limit) -> {
                if (limit == null) {
                    return;
                }
                AlarmDefinition d = RuleContext.definition(settings.basics(), "limit", id, level, p.place().lineId(),
                        settings.levelPriorities().get(level.toLowerCase(java.util.Locale.ROOT)), limit, p.unit(),
                        settings.suppressible(), context.pointNames(settings.basics(), p));
                definitions.add(d);
                ofPoint.add(new Level(d.key(), limit, level.startsWith("H")));
            });
            levels.put(p.id(), ofPoint);
        }
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return definitions;
    }

    @Override
    public void onSample(Sample sample, List<Observation> out) {
        List<Level> ofPoint = levels.get(sample.point());
        if (ofPoint == null || !sample.isGood()) {
            return;
        }
        double v = sample.value();
        for (Level level : ofPoint) {
            boolean was = abnormal.contains(level.key());
            boolean now;
            if (level.high()) {
                now = was ? v > level.limit() - deadband : v > level.limit();
            } else {
                now = was ? v < level.limit() + deadband : v < level.limit();
            }
            if (now) {
                abnormal.add(level.key());
            } else {
                abnormal.remove(level.key());
            }
            out.add(new Observation(level.key(), now, v, sample.time()));
        }
    }
}
