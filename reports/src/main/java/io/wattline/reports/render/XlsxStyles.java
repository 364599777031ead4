package io.wattline.reports.render;

import io.wattline.reports.model.ColumnKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;

/** The workbook's cell styles, made once per workbook: number formats per column kind, headers, totals, flags. */
final class XlsxStyles {

    private final Workbook wb;
    private final Map<String, CellStyle> cache = new HashMap<>();
    final CellStyle title;
    final CellStyle label;
    final CellStyle header;
    final CellStyle link;
    final CellStyle wrap;

    XlsxStyles(Workbook wb) {
        this.wb = wb;
        title = wb.createCellStyle();
        title.setFont(font(true, 14, IndexedColors.BLACK));
        label = wb.createCellStyle();
        label.setFont(font(true, 10, IndexedColors.GREY_80_PERCENT));
        header = wb.createCellStyle();
        header.setFont(font(true, 10, IndexedColors.BLACK));
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        link = wb.createCellStyle();
        link.setFont(font(false, 10, IndexedColors.BLUE));
        wrap = wb.createCellStyle();
        wrap.setWrapText(true);
    }

    /** The format of a figure: energy to 0.01 below 1,000 and 0.1 above, money to the fen, dates as Excel dates. */
    static String format(ColumnKind kind, double value) {
        return switch (kind) {
            case ENERGY -> Math.abs(value) >= 1000 ? "#,##0.0" : "#,##0.00";
            case MONEY, READING -> "#,##0.00";
            case POWER -> "#,##0.0";
            case RATIO, PERCENT -> "0.00";
            case TCE -> "#,##0.000";
            case INTEGER -> "#,##0";
            case DATETIME -> "yyyy-mm-dd hh:mm";
            case TEXT -> "@";
        };
    }

    CellStyle number(ColumnKind kind, double value, boolean bold, boolean flagged) {
        String format = format(kind, value);
        return cache.computeIfAbsent(format + bold + flagged, k -> {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(format));
            if (bold || flagged) {
                s.setFont(font(true, 10, flagged ? IndexedColors.RED : IndexedColors.BLACK));
            }
            if (bold) {
                s.setBorderTop(BorderStyle.THIN);
            }
            return s;
        });
    }

    CellStyle text(boolean bold, boolean flagged) {
        return cache.computeIfAbsent("text" + bold + flagged, k -> {
            CellStyle s = wb.createCellStyle();
            if (bold || flagged) {
                s.setFont(font(true, 10, flagged ? IndexedColors.RED : IndexedColors.BLACK));
            }
            if (bold) {
                s.setBorderTop(BorderStyle.THIN);
            }
            return s;
        });
    }

    private Font font(boolean bold, int points, IndexedColors color) {
        Font f = wb.createFont();
        f.setBold(bold);
        f.setFontHeightInPoints((short) points);
        f.setColor(color.getIndex());
        return f;
    }
}
