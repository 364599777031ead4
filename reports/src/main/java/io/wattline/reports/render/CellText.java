package io.wattline.reports.render;

import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.Rounding;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A cell as text, for PDF (grouped thousands) and CSV (plain digits, so spreadsheets read numbers):
 * rounded half up to the column kind's decimals; energy from 1,000 on to 0.1.
 */
public final class CellText {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private CellText() {
    }

    /** Decimals shown: energy to 0.01 below 1,000 and to 0.1 from there on. */
    public static int shownDecimals(double value, ColumnKind kind) {
        return kind == ColumnKind.ENERGY && Math.abs(value) >= 1000 ? 1 : kind.decimals();
    }

    public static String grouped(Object value, ColumnKind kind) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            int decimals = shownDecimals(d, kind);
            DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                    DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(BigDecimal.valueOf(Rounding.round(d, decimals)));
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return value.toString();
    }

    public static String plain(Object value, ColumnKind kind) {
        if (value instanceof Double d) {
            int decimals = shownDecimals(d, kind);
            return BigDecimal.valueOf(Rounding.round(d, decimals)).setScale(decimals, java.math.RoundingMode.HALF_UP)
                    .toPlainString();
        }
        return grouped(value, kind);
    }
}
