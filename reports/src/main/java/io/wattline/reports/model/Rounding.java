package io.wattline.reports.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Half-up rounding to a column kind's decimals, the way finance rounds (money to the fen). */
public final class Rounding {

    private Rounding() {
    }

    public static double round(double value, ColumnKind kind) {
        return kind.decimals() < 0 ? value : round(value, kind.decimals());
    }

    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
