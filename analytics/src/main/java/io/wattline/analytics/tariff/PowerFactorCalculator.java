package io.wattline.analytics.tariff;

import io.wattline.core.tariff.PowerFactorAdjustment;

/**
 * The month's power-factor adjustment (力调电费) under a rule from the tariff: the monthly power
 * factor from active and reactive energy, its percent from the rule's table, and the change of the
 * month's charge.
 */
public final class PowerFactorCalculator {

    /**
     * The month's figures: power factor exact and rounded to 0.01, the percent from the table, the
     * charge it applies to (basic + energy) and the adjustment in currency (positive = surcharge).
     */
    public record MonthlyAdjustment(double activeKwh, double reactiveKvarh, double powerFactorExact,
            double powerFactor, double standard, double percent, double chargeBase, double adjustment) {
    }

    private PowerFactorCalculator() {
    }

    /**
     * The month's average power factor from counter consumption, rounded half up to 0.01 as the
     * rule prescribes: cosφ = kWh / √(kWh² + kvarh²).
     */
    public static double monthlyPowerFactor(double activeKwh, double reactiveKvarh) {
        return PowerFactorAdjustment.round(exactPowerFactor(activeKwh, reactiveKvarh));
    }

    /** The adjustment for one month's active and reactive energy and its charge (basic + energy). */
    public static MonthlyAdjustment adjust(PowerFactorAdjustment rule, double activeKwh, double reactiveKvarh,
            double chargeBase) {
        double exact = exactPowerFactor(activeKwh, reactiveKvarh);
        double pf = PowerFactorAdjustment.round(exact);
        double percent = rule.percent(pf);
        return new MonthlyAdjustment(activeKwh, reactiveKvarh, exact, pf, rule.standard(), percent, chargeBase,
                chargeBase * percent / 100.0);
    }

    private static double exactPowerFactor(double activeKwh, double reactiveKvarh) {
        if (!(activeKwh > 0) || !(reactiveKvarh >= 0) || Double.isInfinite(activeKwh + reactiveKvarh)) {
            throw new IllegalArgumentException("monthly power factor needs active energy > 0 and reactive energy"
                    + " >= 0, got " + activeKwh + " kWh and " + reactiveKvarh + " kvarh");
        }
        return activeKwh / Math.hypot(activeKwh, reactiveKvarh);
    }
}
