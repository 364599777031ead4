package io.wattline.alarms.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers and units as people read them in alarm messages: {@code 512 kW}, {@code 12.5 %}, {@code 3.2 m³/h}. */
public final class ValueFormat {

    private ValueFormat() {
    }

    /** Three significant figures at most, whole numbers from 100 up, no trailing zeros. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        int decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        String text = d.toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /** The catalogue's ASCII unit as printed: {@code m3} → {@code m³}, {@code degC} → {@code °C}. */
    public static String unit(String unit) {
        if (unit == null) {
            return "";
        }
        return unit.replace("m3", "m³").replace("degC", "°C");
    }
}
