package io.wattline.web.accounting;

import io.wattline.analytics.service.ConsumptionReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The report as an XLSX workbook (Apache POI): sheet "Consumption 能耗" with the same table as the
 * CSV (numbers as numeric cells, TOTAL lines bold), and sheet "Reconciliation 对账" (with the energy
 * meters left out for want of a counter, if any).
 */
public final class ConsumptionWorkbook {

    public static final String SHEET = "Consumption 能耗";
    public static final String RECONCILIATION_SHEET = "Reconciliation 对账";

    private ConsumptionWorkbook() {
    }

    public static byte[] write(ConsumptionReport report) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle boldStyle = wb.createCellStyle();
            boldStyle.setFont(bold);
            Sheet sheet = wb.createSheet(SHEET);
            int r = 0;
            Row head = sheet.createRow(r++);
            List<String> header = ReportTable.header();
            for (int c = 0; c < header.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(header.get(c));
                cell.setCellStyle(boldStyle);
            }
            for (List<Object> line : ReportTable.lines(report)) {
                Row row = sheet.createRow(r++);
                boolean total = ReportTable.TOTAL.equals(line.get(0));
                for (int c = 0; c < line.size(); c++) {
                    Object v = line.get(c);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v instanceof Double d) {
                        cell.setCellValue(d);
                    } else if (v instanceof Long l) {
                        cell.setCellValue(l);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                    if (total) {
                        cell.setCellStyle(boldStyle);
                    }
                }
            }
            Row grand = sheet.createRow(r + 1);
            grand.createCell(0).setCellValue("total_kwh_equivalent");
            grand.createCell(1).setCellValue(report.totalKwhEquivalent());
            Row tce = sheet.createRow(r + 2);
            tce.createCell(0).setCellValue("total_tce");
            tce.createCell(1).setCellValue(report.totalTce());
            sheet.createFreezePane(0, 1);
            sheet.setColumnWidth(1, 40 * 256);
            reconciliation(wb.createSheet(RECONCILIATION_SHEET), report.reconciliation(), report.unaccountedMeters());
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the XLSX report failed: " + e.getMessage(), e);
        }
    }

    private static void reconciliation(Sheet sheet, ConsumptionReport.Reconciliation rec,
            List<ConsumptionReport.UnaccountedMeter> unaccounted) {
        int r = 0;
        r = line(sheet, r, "children_vs_parent", "parent_meter", "carrier", "unit", "parent", "children_sum", "loss",
                "loss_percent");
        for (var t : rec.childrenVsParent()) {
            r = line(sheet, r, "", t.parentMeterId(), t.carrier().name(), t.unit(), t.parent(), t.childrenSum(),
                    t.loss(), t.lossPercent() == null ? "" : t.lossPercent());
        }
        r = line(sheet, r + 1, "shifts_vs_day", "production_day", "carrier", "unit", "day", "shifts_sum", "difference");
        for (var d : rec.shiftsVsDay()) {
            r = line(sheet, r, "", d.productionDay().toString(), d.carrier().name(), d.unit(), d.day(), d.shiftsSum(),
                    d.difference());
        }
        r = line(sheet, r + 1, "rows_vs_site", "carrier", "unit", "rows_sum", "root_meters", "difference");
        for (var t : rec.rowsVsSite()) {
            r = line(sheet, r, "", t.carrier().name(), t.unit(), t.rowsSum(), t.rootMeters(), t.difference());
        }
        if (!unaccounted.isEmpty()) {
            // energy meters in no row above: they have no counter to read
            r = line(sheet, r + 1, "unaccounted_meters", "meter", "carrier", "profile", "note");
            for (var u : unaccounted) {
                r = line(sheet, r, "", u.meterId(), u.carrier().name(), u.profile(), u.note());
            }
        }
    }

    private static int line(Sheet sheet, int r, Object... cells) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] instanceof Double d) {
                if (Double.isFinite(d)) {
                    row.createCell(c).setCellValue(d);
                }
            } else {
                row.createCell(c).setCellValue(String.valueOf(cells[c]));
            }
        }
        return r + 1;
    }
}
