package io.wattline.core.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;

/**
 * A power-factor adjustment rule (力调电费, 《功率因数调整电费办法》 1983) as data: the standard power
 * factor and the table of monthly power factor (to 0.01) → percent change of the month's
 * electricity charge, plus the percent per 0.01 below the table's lowest row. The month's
 * calculation from counters is analytics' {@code PowerFactorCalculator}.
 */
public record PowerFactorAdjustment(double standard, List<Row> table, double belowTablePercentPerHundredth,
        String basis) {

    /** One table row: at this monthly power factor (two decimals) the charge changes by {@code percent}. */
    public record Row(double powerFactor, double percent) {
    }

    public PowerFactorAdjustment {
        table = List.copyOf(table);
        if (!(standard > 0 && standard <= 1)) {
            throw new IllegalArgumentException("power factor standard must be in (0, 1], got " + standard);
        }
        if (table.isEmpty()) {
            throw new IllegalArgumentException("power factor table is empty");
        }
        TreeMap<Integer, Double> byHundredths = new TreeMap<>();
        for (Row row : table) {
            int h = hundredths(row.powerFactor());
            if (h < 0 || h > 100 || Math.abs(row.powerFactor() * 100 - h) > 1e-6) {
                throw new IllegalArgumentException("power factor table row " + row.powerFactor()
                        + ": expected a power factor in [0, 1] with at most two decimals");
            }
            if (byHundredths.put(h, row.percent()) != null) {
                throw new IllegalArgumentException("power factor table has " + row.powerFactor() + " twice");
            }
        }
        // a gap would leave some monthly power factors without a percent
        for (int h = byHundredths.firstKey(); h <= byHundredths.lastKey(); h++) {
            if (!byHundredths.containsKey(h)) {
                throw new IllegalArgumentException("power factor table has no row for " + h / 100.0
                        + " (rows must be every 0.01 from " + byHundredths.firstKey() / 100.0 + " to "
                        + byHundredths.lastKey() / 100.0 + ")");
            }
        }
        if (byHundredths.get(hundredths(standard)) == null || byHundredths.get(hundredths(standard)) != 0.0) {
            throw new IllegalArgumentException("power factor table must give 0 % at the standard " + standard);
        }
    }

    /** The percent change of the charge for a monthly power factor (rounded to 0.01 first). */
    public double percent(double powerFactor) {
        TreeMap<Integer, Double> rows = rowsByHundredths();
        int h = hundredths(round(powerFactor));
        int lowest = rows.firstKey();
        int highest = rows.lastKey();
        if (h >= highest) {
            return rows.get(highest); // the last row stands for "and above" (0.95–1.00 at standard 0.90)
        }
        if (h < lowest) {
            return rows.get(lowest) + (lowest - h) * belowTablePercentPerHundredth;
        }
        return rows.get(h);
    }

    private TreeMap<Integer, Double> rowsByHundredths() {
        TreeMap<Integer, Double> rows = new TreeMap<>();
        table.forEach(r -> rows.put(hundredths(r.powerFactor()), r.percent()));
        return rows;
    }

    /** A power factor rounded half up to 0.01, as the rule prescribes for the monthly figure. */
    public static double round(double powerFactor) {
        // BigDecimal of the decimal text: 0.855 must round to 0.86, which binary half-up can miss
        return BigDecimal.valueOf(powerFactor).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static int hundredths(double powerFactor) {
        return (int) Math.round(powerFactor * 100);
    }
}
