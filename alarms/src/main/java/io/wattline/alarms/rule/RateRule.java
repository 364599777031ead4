package io.wattline.alarms.rule;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.catalogue.CataloguedPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate of change: between two consecutive good readings of a point, the change per minute exceeds
 * a rising limit ({@code RISE}) or falls faster than a falling one ({@code FALL}). Readings less
 * than a second apart are not compared (their quotient is noise).
 */
public final class RateRule implements AlarmRule {

    private static final Duration MIN_SPAN = Duration.ofSeconds(1);

    private record Last(double value, java.time.Instant time) {
    }

    private final List<AlarmDefinition> definitions = new ArrayList<>();
    private final Map<PointId, String[]> keys = new HashMap<>();
    private final Map<PointId, Last> last = new HashMap<>();
    private final Double rise;
    private final Double fall;

    public RateRule(AlarmRuleSettings.Rate settings, RuleContext context) {
        this.rise = settings.risePerMinute();
        this.fall = settings.fallPerMinute();
        for (String id : settings.points()) {
            CataloguedPoint p = context.point(settings.basics().id(), id);
            String unit = p.unit() + "/min";
            String[] k = new String[2];
            if (rise != null) {
                AlarmDefinition d = RuleContext.definition(settings.basics(), "rate", id, "RISE", p.place().lineId(),
                        null, rise, unit, settings.suppressible(), context.pointNames(settings.basics(), p));
                definitions.add(d);
                k[0] = d.key();
            }
            if (fall != null) {
                AlarmDefinition d = RuleContext.definition(settings.basics(), "rate", id, "FALL", p.place().lineId(),
                        null, fall, unit, settings.suppressible(), context.pointNames(settings.basics(), p));
                definitions.add(d);
                k[1] = d.key();
            }
            keys.put(p.id(), k);
        }
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return definitions;
    }

    @Override
    public void onSample(Sample sample, List<Observation> out) {
        String[] k = keys.get(sample.point());
        if (k == null || !sample.isGood()) {
            return;
        }
        Last before = last.get(sample.point());
        if (before != null && Duration.between(before.time(), sample.time()).compareTo(MIN_SPAN) < 0) {
            return;
        }
        last.put(sample.point(), new Last(sample.value(), sample.time()));
        if (before == null) {
            return;
        }
        double minutes = Duration.between(before.time(), sample.time()).toNanos() / 60e9;
        double perMinute = (sample.value() - before.value()) / minutes;
        if (k[0] != null) {
            out.add(new Observation(k[0], perMinute > rise, perMinute, sample.time()));
        }
        if (k[1] != null) {
            out.add(new Observation(k[1], -perMinute > fall, -perMinute, sample.time()));
        }
    }
}
