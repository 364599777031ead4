package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Consumption over budget: a line's or cost centre's consumption in one carrier since the start of
 * the running shift or production day exceeds its budget. Read from the energy figures (counters,
 * as accounting books them) every {@code every}; the alarm clears when a new period starts.
 */
public final class BudgetRule implements AlarmRule {

    private final AlarmDefinition definition;
    private final AlarmRuleSettings.Budget settings;
    private final EnergyFigures figures;
    private final EnergyFigures.Group group;
    private final String groupId;
    private final EnergyCarrier carrier;
    private final ShiftCalendar calendar;
    private final ZoneId zone;

    public BudgetRule(AlarmRuleSettings.Budget settings, RuleContext context) {
        this.settings = settings;
        this.figures = context.figures();
        this.carrier = EnergyCarrier.parse(settings.carrier() == null ? "electricity" : settings.carrier());
        String ruleId = settings.basics().id();
        if (settings.line() != null) {
            context.line(ruleId, settings.line());
            group = EnergyFigures.Group.LINE;
            groupId = settings.line();
            definition = RuleContext.definition(settings.basics(), "budget", groupId, "", groupId, null,
                    settings.budget(), carrier.unit(), false, context.lineNames(settings.basics(), groupId));
        } else {
            group = EnergyFigures.Group.COST_CENTRE;
            groupId = settings.costCentre();
            String name = context.plant().costCentres().stream().filter(c -> c.id().equals(groupId))
                    .map(c -> c.name()).findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "alarm rule " + ruleId + ": no cost centre " + groupId));
            java.util.Map<String, String> names = new java.util.LinkedHashMap<>(
                    context.lineNames(settings.basics(), null));
            names.put("point", name);
            names.put("line", name);
            definition = RuleContext.definition(settings.basics(), "budget", groupId, "", null, null,
                    settings.budget(), carrier.unit(), false, names);
        }
        this.calendar = context.plant().shiftCalendar();
        this.zone = context.zone();
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
        Instant start = RunningPeriod.start(settings.per(), now, calendar, zone);
        if (!start.isBefore(now)) {
            return List.of(new Observation(definition.key(), false, 0.0, now));
        }
        OptionalDouble used = figures.groupConsumption(group, groupId, carrier, start, now);
        if (used.isEmpty()) {
            return List.of();
        }
        double value = used.getAsDouble();
        return List.of(new Observation(definition.key(), value > settings.budget(), value, now));
    }
}
