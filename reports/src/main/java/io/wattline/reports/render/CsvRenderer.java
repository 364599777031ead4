package io.wattline.reports.render;

import io.wattline.reports.model.Column;
import io.wattline.reports.model.ReportDocument;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's main table as CSV: UTF-8 with a byte-order mark (so Excel shows Chinese names),
 * RFC 4180 quoting, CRLF line ends, numbers as plain digits rounded as the XLSX shows them, notes
 * by id, then the total rows.
 */
public final class CsvRenderer {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public byte[] render(ReportDocument doc) {
        View v = doc.mainView();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        v.columns().forEach(c -> header.add(c.header()));
        header.add(doc.labels().get("col.notes"));
        line(out, header);
        for (TableRow r : v.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < v.columns().size(); i++) {
                Column c = v.columns().get(i);
                cells.add(CellText.plain(r.shown(i, c), c.kind()));
            }
            cells.add(String.join(" ", r.notes()));
            line(out, cells);
        }
        for (View.Total t : v.totals()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < v.columns().size(); i++) {
                Double value = t.values().get(i);
                cells.add(i == 0 ? t.label() : value == null ? "" : CellText.plain(value, v.columns().get(i).kind()));
            }
            cells.add("");
            line(out, cells);
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }
}
