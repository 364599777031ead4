package io.wattline.alarms.rule;

import io.wattline.core.energy.EnergyFigures;
import java.time.Duration;
import java.util.List;

/**
 * A rule with one alarm whose condition is read from energy figures every {@code every}: what the
 * budget, loss-anomaly and baseline rules share.
 */
abstract class PolledRule implements AlarmRule {

    final AlarmDefinition definition;
    final EnergyFigures figures;
    private final Duration every;

    PolledRule(AlarmDefinition definition, EnergyFigures figures, Duration every) {
        this.definition = definition;
        this.figures = figures;
        this.every = every;
    }

    @Override
    public final List<AlarmDefinition> definitions() {
        return List.of(definition);
    }

    @Override
    public final Duration pollEvery() {
        return every;
    }
}
