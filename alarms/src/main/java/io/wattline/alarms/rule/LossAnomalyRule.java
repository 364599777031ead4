package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.plant.Meter;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Loss anomaly: over the trailing window, a meter's consumption minus the sum of its sub-meters'
 * (same carrier, as the accounting tree's loss node) is more than a share of the meter's. A
 * sub-meter that stopped counting, an unmetered load or theft all look like this. How long it must
 * last is the rule's on-delay. Nothing is concluded while any of the meters has no readings.
 */
public final class LossAnomalyRule extends PolledRule {

    private final AlarmRuleSettings.LossAnomaly settings;
    private final List<String> subMeters;

    public LossAnomalyRule(AlarmRuleSettings.LossAnomaly settings, RuleContext context) {
        super(definition(settings, context), context.figures(), settings.every());
        this.settings = settings;
        Meter meter = context.meter(settings.basics().id(), settings.meter());
        this.subMeters = context.plant().meters().stream()
                .filter(m -> meter.id().equals(m.parentMeterId()) && m.carrier() == meter.carrier())
                .map(Meter::id).toList();
        if (subMeters.isEmpty()) {
            throw new IllegalArgumentException("alarm rule " + settings.basics().id() + ": meter " + meter.id()
                    + " has no sub-meters of its carrier");
        }
    }

    private static AlarmDefinition definition(AlarmRuleSettings.LossAnomaly settings, RuleContext context) {
        Meter meter = context.meter(settings.basics().id(), settings.meter());
        return RuleContext.definition(settings.basics(), "loss", meter.id(), "", context.lineOfMeter(meter.id()),
                null, settings.share() * 100, "%", false, context.meterNames(settings.basics(), meter));
    }

    @Override
    public List<Observation> poll(Instant now) {
        Instant from = now.minus(settings.window());
        OptionalDouble main = figures.meterConsumption(settings.meter(), from, now);
        if (main.isEmpty() || main.getAsDouble() <= 0) {
            return List.of();
        }
        double subs = 0;
        for (String id : subMeters) {
            OptionalDouble sub = figures.meterConsumption(id, from, now);
            if (sub.isEmpty()) {
                return List.of();
            }
            subs += sub.getAsDouble();
        }
        double share = (main.getAsDouble() - subs) / main.getAsDouble();
        return List.of(new Observation(definition.key(), share > settings.share(), share * 100, now));
    }
}
