package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Loss anomaly: over the trailing window, a meter's consumption minus the sum of its sub-meters'
 * (same carrier, as the accounting tree's loss node) is more than a share of the meter's. A
 * sub-meter that stopped counting, an unmetered load or theft all look like this. How long it must
 * last is the rule's on-delay. Nothing is concluded while any of the meters has no readings.
 */
public final class LossAnomalyRule implements AlarmRule {

    private final AlarmDefinition definition;
    private final AlarmRuleSettings.LossAnomaly settings;
    private final EnergyFigures figures;
    private final List<String> subMeters;

    public LossAnomalyRule(AlarmRuleSettings.LossAnomaly settings, RuleContext context) {
        this.settings = settings;
        this.figures = context.figures();
        String ruleId = settings.basics().id();
        Meter meter = context.meter(ruleId, settings.meter());
        this.subMeters = context.plant().meters().stream()
                .filter(m -> meter.id().equals(m.parentMeterId()) && m.carrier() == meter.carrier())
                .map(Meter::id).toList();
        if (subMeters.isEmpty()) {
            throw new IllegalArgumentException("alarm rule " + ruleId + ": meter " + meter.id()
                    + " has no sub-meters of its carrier");
        }
        this.definition = RuleContext.definition(settings.basics(), "loss", meter.id(), "",
                context.lineOfMeter(meter.id()), null, settings.share() * 100, "%", false,
                context.meterNames(settings.basics(), meter));
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return List.of(definition);
    }

    @Override
    public Duration pollEvery() {
        return settings.every();
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
