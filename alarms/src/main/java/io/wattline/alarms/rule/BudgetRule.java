package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Consumption over budget: a line's or cost centre's consumption in one carrier since the start of
 * the running shift or production day exceeds its budget. Read from the energy figures (counters,
 * as accounting books them) every {@code every}; the alarm clears when a new period starts.
 */
public final class BudgetRule extends PolledRule {

    private final AlarmRuleSettings.Budget settings;
    private final EnergyFigures.Group group;
    private final String groupId;
    private final EnergyCarrier carrier;
    private final ShiftCalendar calendar;
    private final ZoneId zone;

    public BudgetRule(AlarmRuleSettings.Budget settings, RuleContext context) {
        super(definition(settings, context), context.figures(), settings.every());
        this.settings = settings;
        this.carrier = carrier(settings);
        this.group = settings.line() != null ? EnergyFigures.Group.LINE : EnergyFigures.Group.COST_CENTRE;
        this.groupId = settings.line() != null ? settings.line() : settings.costCentre();
        this.calendar = context.plant().shiftCalendar();
        this.zone = context.zone();
    }

    private static EnergyCarrier carrier(AlarmRuleSettings.Budget settings) {
        return EnergyCarrier.parse(settings.carrier() == null ? "electricity" : settings.carrier());
    }

    /** The alarm of a line's budget, or of a cost centre's (named after it, on no line). */
    private static AlarmDefinition definition(AlarmRuleSettings.Budget settings, RuleContext context) {
        String ruleId = settings.basics().id();
        String unit = carrier(settings).unit();
        if (settings.line() != null) {
            context.line(ruleId, settings.line());
            return RuleContext.definition(settings.basics(), "budget", settings.line(), "", settings.line(), null,
                    settings.budget(), unit, false, context.lineNames(settings.basics(), settings.line()));
        }
        String id = settings.costCentre();
        String name = context.plant().costCentres().stream().filter(c -> c.id().equals(id)).map(c -> c.name())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("alarm rule " + ruleId
                        + ": no cost centre " + id));
        Map<String, String> names = new LinkedHashMap<>(context.lineNames(settings.basics(), null));
        names.put("point", name);
        names.put("line", name);
        return RuleContext.definition(settings.basics(), "budget", id, "", null, null, settings.budget(), unit,
                false, names);
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
