package io.wattline.alarms.rule;

import io.wattline.core.alarm.AlarmRuleSettings;
import java.util.List;

/** Turns the plant file's alarm rules into rules the engine runs. */
public final class RuleFactory {

    private RuleFactory() {
    }

    public static List<AlarmRule> create(List<AlarmRuleSettings> settings, RuleContext context) {
        return settings.stream().map(s -> create(s, context)).toList();
    }

    public static AlarmRule create(AlarmRuleSettings s, RuleContext context) {
        if (s instanceof AlarmRuleSettings.Limit l) {
            return new LimitRule(l, context);
        } else if (s instanceof AlarmRuleSettings.Rate r) {
            return new RateRule(r, context);
        } else if (s instanceof AlarmRuleSettings.CommunicationLoss c) {
            return new CommunicationLossRule(c, context);
        } else if (s instanceof AlarmRuleSettings.Stale st) {
            return new StaleRule(st, context);
        } else if (s instanceof AlarmRuleSettings.DemandForecast d) {
            return new DemandForecastRule(d, context);
        } else if (s instanceof AlarmRuleSettings.Budget b) {
            return new BudgetRule(b, context);
        } else if (s instanceof AlarmRuleSettings.Waste w) {
            return new WasteRule(w, context);
        } else if (s instanceof AlarmRuleSettings.LossAnomaly la) {
            return new LossAnomalyRule(la, context);
        } else if (s instanceof AlarmRuleSettings.BaselineDeviation bd) {
            return new BaselineDeviationRule(bd, context);
        }
        throw new IllegalArgumentException("unknown alarm rule type " + s.type());
    }
}
