package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.ShiftCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Deviation from the KPI baseline: the line's consumption in the running shift or production day is
 * more than {@code abovePercent} % above what its baseline (fitted on the periods of the last
 * {@code baselineDays} days) expects for the production so far. Only consumption above the baseline
 * alarms: using less than expected is good news.
 */
public final class BaselineDeviationRule extends PolledRule {

    private final AlarmRuleSettings.BaselineDeviation settings;
    private final EnergyCarrier carrier;
    private final ShiftCalendar calendar;
    private final ZoneId zone;

    public BaselineDeviationRule(AlarmRuleSettings.BaselineDeviation settings, RuleContext context) {
        super(definition(settings, context), context.figures(), settings.every());
        this.settings = settings;
        this.carrier = EnergyCarrier.parse(settings.carrier() == null ? "electricity" : settings.carrier());
        this.calendar = context.plant().shiftCalendar();
        this.zone = context.zone();
    }

    private static AlarmDefinition definition(AlarmRuleSettings.BaselineDeviation settings, RuleContext context) {
        context.line(settings.basics().id(), settings.line());
        return RuleContext.definition(settings.basics(), "baseline", settings.line(), "", settings.line(), null,
                settings.abovePercent(), "%", false, context.lineNames(settings.basics(), settings.line()));
    }

    @Override
    public List<Observation> poll(Instant now) {
        Instant start = RunningPeriod.start(settings.period(), now, calendar, zone);
        if (!start.isBefore(now)) {
            return List.of();
        }
        Instant baselineFrom = start.minus(Duration.ofDays(settings.baselineDays()));
        Optional<EnergyFigures.BaselineFigure> figure = figures.baseline(settings.line(), carrier, settings.period(),
                baselineFrom, start, start, now);
        if (figure.isEmpty() || figure.get().percent() == null) {
            return List.of();
        }
        double percent = figure.get().percent();
        return List.of(new Observation(definition.key(), percent > settings.abovePercent(), percent, now));
    }
}
