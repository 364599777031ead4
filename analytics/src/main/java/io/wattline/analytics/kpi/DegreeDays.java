package io.wattline.analytics.kpi;

import java.util.List;

/** Heating and cooling degree-days from daily mean temperatures against a base (18 °C is usual in China). */
public final class DegreeDays {

    private DegreeDays() {
    }

    /** Σ max(0, base − mean) over the days. */
    public static double heating(List<Double> dailyMeansDegC, double baseDegC) {
        return dailyMeansDegC.stream().mapToDouble(t -> Math.max(0, baseDegC - t)).sum();
    }

    /** Σ max(0, mean − base) over the days. */
    public static double cooling(List<Double> dailyMeansDegC, double baseDegC) {
        return dailyMeansDegC.stream().mapToDouble(t -> Math.max(0, t - baseDegC)).sum();
    }
}
