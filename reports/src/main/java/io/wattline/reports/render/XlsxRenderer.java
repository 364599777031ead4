package io.wattline.reports.render;

import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.Labels;
import io.wattline.reports.model.QualityNote;
import io.wattline.reports.model.ReportDocument;
import io.wattline.reports.model.Rounding;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.TitleBlock;
import io.wattline.reports.model.View;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The report as a workbook (Apache POI): one sheet per view, each opening with the title block;
 * figures as numbers rounded as shown (energy 0.01 / 0.1, money to the fen) with number formats;
 * times as Excel dates; totals as SUMIF/SUM formulas (evaluated, so viewers that do not recalculate
 * show them too); future periods blank; data-quality notes on their own sheet, linked from the rows.
 */
public final class XlsxRenderer {

    public byte[] render(ReportDocument doc) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XlsxStyles styles = new XlsxStyles(wb);
            Labels labels = doc.labels();
            String notesSheet = WorkbookUtil.createSafeSheetName(labels.get("notes"));
            Map<String, Integer> noteRows = new HashMap<>();
            for (int i = 0; i < doc.notes().size(); i++) {
                noteRows.put(doc.notes().get(i).id(), i + 3); // 1-based sheet row of note i
            }
            for (View v : doc.views()) {
                Sheet sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(v.name()));
                writeView(sheet, doc, v, styles, notesSheet, noteRows);
            }
            writeNotes(wb.createSheet(notesSheet), doc.notes(), labels, styles);
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            wb.setForceFormulaRecalculation(true);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workbook: " + e.getMessage(), e);
        }
    }

    /** Rows of the title block, then the view's title, header, rows and totals. */
    private static void writeView(Sheet sheet, ReportDocument doc, View v, XlsxStyles styles, String notesSheet,
            Map<String, Integer> noteRows) {
        int r = titleBlock(sheet, doc.title(), doc.labels(), styles);
        Row titleRow = sheet.createRow(r++);
        text(titleRow, 0, v.title(), styles.title);
        boolean withNotes = v.rows().stream().anyMatch(x -> !x.notes().isEmpty());
        Row head = sheet.createRow(r++);
        for (int c = 0; c < v.columns().size(); c++) {
            text(head, c, v.columns().get(c).header(), styles.header);
        }
        if (withNotes) {
            text(head, v.columns().size(), doc.labels().get("col.notes"), styles.header);
        }
        int first = r;
        for (TableRow row : v.rows()) {
            Row x = sheet.createRow(r++);
            for (int c = 0; c < v.columns().size(); c++) {
                Column col = v.columns().get(c);
                cell(x, c, row.shown(c, col), col.kind(), styles, false, row.flagged());
            }
            if (!row.notes().isEmpty()) {
                Cell n = x.createCell(v.columns().size());
                n.setCellValue(String.join(", ", row.notes()));
                Hyperlink link = sheet.getWorkbook().getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
                link.setAddress("'" + notesSheet + "'!A" + noteRows.getOrDefault(row.notes().get(0), 1));
                n.setHyperlink(link);
                n.setCellStyle(styles.link);
            }
        }
        int last = r - 1;
        for (View.Total t : v.totals()) {
            Row x = sheet.createRow(r++);
            text(x, 0, t.label(), styles.text(true, false));
            for (int c = 1; c < v.columns().size(); c++) {
                Double value = t.values().get(c);
                if (value == null || v.rows().isEmpty()) {
                    continue;
                }
                Cell cell = x.createCell(c);
                cell.setCellFormula(formula(v, t, c, first, last));
                cell.setCellStyle(styles.number(v.columns().get(c).kind(), value, true, false));
            }
        }
        widths(sheet, v, withNotes);
    }

    /** Σ of the column over the view's rows, or over those whose key column holds the total's key. */
    private static String formula(View v, View.Total t, int column, int first, int last) {
        String range = range(column, first, last);
        if (t.key() == null) {
            return "SUM(" + range + ")";
        }
        return "SUMIF(" + range(v.totalsBy(), first, last) + ",\"" + t.key().replace("\"", "\"\"") + "\"," + range + ")";
    }

    private static String range(int column, int first, int last) {
        String col = CellReference.convertNumToColString(column);
        return "$" + col + "$" + (first + 1) + ":$" + col + "$" + (last + 1);
    }

    private static int titleBlock(Sheet sheet, TitleBlock t, Labels l, XlsxStyles styles) {
        Object[][] lines = {
            {l.get("title.plant"), t.plant()}, {l.get("title.report"), t.report()}, {l.get("title.period"), t.periodLabel()},
            {l.get("title.from"), t.periodStart()}, {l.get("title.to"), t.periodEnd()}, {l.get("title.zone"), t.zone()},
            {l.get("title.tariff"), t.tariff()}, {l.get("title.tariffVersion"), t.tariffVersion()},
            {l.get("title.currency"), t.currency()}, {l.get("title.generatedAt"), t.generatedAt()},
            {l.get("title.generatedBy"), t.generatedBy()}};
        int r = 0;
        for (Object[] line : lines) {
            Row row = sheet.createRow(r++);
            text(row, 0, (String) line[0], styles.label);
            if (line[1] instanceof LocalDateTime time) {
                cell(row, 1, time, ColumnKind.DATETIME, styles, false, false);
            } else {
                text(row, 1, (String) line[1], styles.text(false, false));
            }
        }
        text(sheet.createRow(r++), 0, l.get("title.futureBlank"), styles.label);
        return r + 1;
    }

    private static void cell(Row row, int c, Object value, ColumnKind kind, XlsxStyles styles, boolean bold,
            boolean flagged) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(c);
        if (value instanceof Double d) {
            // stored as shown, so a SUM of the cells equals the sum of what the reader sees
            double shown = Rounding.round(d, kind);
            cell.setCellValue(shown);
            cell.setCellStyle(styles.number(kind, d, bold, flagged));
        } else if (value instanceof LocalDateTime t) {
            cell.setCellValue(t);
            cell.setCellStyle(styles.number(ColumnKind.DATETIME, 0, bold, flagged));
        } else {
            cell.setCellValue(value.toString());
            cell.setCellStyle(styles.text(bold, flagged));
        }
    }

    private static void text(Row row, int c, String value, org.apache.poi.ss.usermodel.CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(style);
    }

    private static void writeNotes(Sheet sheet, List<QualityNote> notes, Labels l, XlsxStyles styles) {
        text(sheet.createRow(0), 0, l.get(notes.isEmpty() ? "notes.none" : "notes.title"), styles.title);
        Row head = sheet.createRow(1);
        text(head, 0, l.get("col.noteId"), styles.header);
        text(head, 1, l.get("col.noteMeter"), styles.header);
        text(head, 2, l.get("col.noteKind"), styles.header);
        text(head, 3, l.get("col.noteText"), styles.header);
        // note i sits on 0-based row i + 2 (A3, A4 …): the links from the views point there
        for (int i = 0; i < notes.size(); i++) {
            Row r = sheet.createRow(i + 2);
            QualityNote n = notes.get(i);
            text(r, 0, n.id(), styles.text(false, false));
            text(r, 1, n.meterId(), styles.text(false, false));
            text(r, 2, n.kind(), styles.text(false, false));
            text(r, 3, n.text(), styles.text(false, false));
        }
        sheet.setColumnWidth(0, 8 * 256);
        sheet.setColumnWidth(1, 20 * 256);
        sheet.setColumnWidth(2, 22 * 256);
        sheet.setColumnWidth(3, 110 * 256);
    }

    /** Widths from the longest text of each column; a CJK character is as wide as two Latin ones. */
    private static void widths(Sheet sheet, View v, boolean withNotes) {
        for (int c = 0; c < v.columns().size(); c++) {
            int width = display(v.columns().get(c).header()) / 2 + 2;
            for (TableRow r : v.rows()) {
                Object value = r.cells().get(c);
                width = Math.max(width, value instanceof String s ? display(s) : 14);
            }
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, width + 2)) * 256);
        }
        if (withNotes) {
            sheet.setColumnWidth(v.columns().size(), 16 * 256);
        }
        sheet.setColumnWidth(0, Math.max(sheet.getColumnWidth(0), 18 * 256));
        sheet.setColumnWidth(1, Math.max(sheet.getColumnWidth(1), 24 * 256));
    }

    private static int display(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return w;
    }
}
