package io.wattline.web.accounting;

import io.wattline.analytics.service.ConsumptionReport;
import java.util.List;

/** The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs show Chinese names). */
public final class ConsumptionCsv {

    private ConsumptionCsv() {
    }

    public static String write(ConsumptionReport report) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, List.copyOf(ReportTable.header()));
        for (List<Object> l : ReportTable.lines(report)) {
            line(sb, l);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells.get(i);
            String s = c == null ? "" : c instanceof Double d ? Double.toString(d) : c.toString();
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            sb.append(s);
        }
        sb.append("\r\n");
    }
}
