package io.wattline.alarms.rule;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.catalogue.CataloguedPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stale value: no good reading of a point for longer than {@code after} (a meter that answers
 * but whose value froze is the limit rules' business; one that stopped being read is this rule's).
 * Counted from the first tick for points never read since the engine started.
 */
public final class StaleRule implements AlarmRule {

    private final List<AlarmDefinition> definitions = new ArrayList<>();
    private final Map<PointId, String> keys = new LinkedHashMap<>();
    private final Map<PointId, Instant> lastGood = new LinkedHashMap<>();
    private final Duration after;

    public StaleRule(AlarmRuleSettings.Stale settings, RuleContext context) {
        this.after = settings.after();
        for (String id : settings.points()) {
            CataloguedPoint p = context.point(settings.basics().id(), id);
            AlarmDefinition d = RuleContext.definition(settings.basics(), "stale", id, "", p.place().lineId(), null,
                    (double) after.toSeconds(), "s", settings.suppressible(), context.pointNames(settings.basics(), p));
            definitions.add(d);
            keys.put(p.id(), d.key());
        }
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return definitions;
    }

    @Override
    public void onSample(Sample sample, List<Observation> out) {
        String key = keys.get(sample.point());
        if (key != null && sample.isGood()) {
            lastGood.put(sample.point(), sample.time());
            out.add(new Observation(key, false, 0.0, sample.time()));
        }
    }

    @Override
    public void onTick(Instant now, List<Observation> out) {
        keys.forEach((point, key) -> {
            Instant last = lastGood.computeIfAbsent(point, p -> now);
            Duration age = Duration.between(last, now);
            if (age.compareTo(after) > 0) {
                out.add(new Observation(key, true, (double) age.toSeconds(), now));
            }
        });
    }
}
