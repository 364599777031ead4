package io.wattline.reports.render;

import io.wattline.reports.model.ChartSpec;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.Labels;
import io.wattline.reports.model.QualityNote;
import io.wattline.reports.model.ReportDocument;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.TitleBlock;
import io.wattline.reports.model.View;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The report as a PDF (Apache PDFBox): the title block, each view as a table with its totals
 * (numbers rounded as in the XLSX, future periods blank, rows over tolerance in red), the charts
 * (JFreeChart), the data-quality notes, and page numbers; all text in the embedded CJK font.
 */
public final class PdfRenderer {

    private static final float BODY = 7.5f;
    private static final float ROW = 11f;
    private static final Color HEADER = new Color(0xE4E7EB);
    private static final Color FLAG = new Color(0xB00020);

    public byte[] render(ReportDocument doc) {
        TitleBlock t = doc.title();
        Labels l = doc.labels();
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(t.report() + " " + t.periodLabel());
            info.setAuthor(t.generatedBy());
            info.setCreator("Wattline");
            try (PdfCanvas c = new PdfCanvas(pdf, t.plant() + " · " + t.report() + " · " + t.periodLabel())) {
                titleBlock(c, t, l);
                for (View v : doc.views()) {
                    table(c, v, l);
                }
                charts(c, doc.charts(), l);
                notes(c, doc.notes(), l);
                c.pageNumbers(l.get("page"));
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF: " + e.getMessage(), e);
        }
    }

    private static void titleBlock(PdfCanvas c, TitleBlock t, Labels l) {
        c.text(PdfCanvas.MARGIN, c.y() - 16, t.report(), 16, Color.BLACK);
        c.down(26);
        String[][] lines = {
            {l.get("title.plant"), t.plant(), l.get("title.period"), t.periodLabel() + "  (" + CellText.DATE_TIME.format(
                    t.periodStart()) + " – " + CellText.DATE_TIME.format(t.periodEnd()) + ", " + t.zone() + ")"},
            {l.get("title.tariff"), t.tariff(), l.get("title.tariffVersion"), t.tariffVersion()},
            {l.get("title.currency"), t.currency(), l.get("title.generatedAt"), CellText.DATE_TIME.format(t.generatedAt())
                    + " (" + t.zone() + ")"},
            {l.get("title.generatedBy"), t.generatedBy(), "", l.get("title.futureBlank")}};
        float half = c.width() / 2;
        for (String[] line : lines) {
            c.text(PdfCanvas.MARGIN, c.y() - 9, line[0], 8, Color.GRAY);
            c.text(PdfCanvas.MARGIN + 80, c.y() - 9, c.fit(line[1], 8.5f, half - 90), 8.5f, Color.BLACK);
            c.text(PdfCanvas.MARGIN + half, c.y() - 9, line[2], 8, Color.GRAY);
            c.text(PdfCanvas.MARGIN + half + 80, c.y() - 9, c.fit(line[3], 8.5f, half - 80), 8.5f, Color.BLACK);
            c.down(13);
        }
        c.down(8);
    }

    private static void table(PdfCanvas c, View v, Labels l) {
        List<Column> cols = new ArrayList<>(v.columns());
        boolean withNotes = v.rows().stream().anyMatch(r -> !r.notes().isEmpty());
        float[] widths = widths(c, v, withNotes);
        c.need(20 + 3 * ROW);
        c.text(PdfCanvas.MARGIN, c.y() - 11, v.title(), 10.5f, Color.BLACK);
        c.down(16);
        header(c, v, withNotes, widths, l);
        for (TableRow r : v.rows()) {
            if (c.y() - ROW < PdfCanvas.MARGIN + 14) {
                c.newPage();
                header(c, v, withNotes, widths, l);
            }
            float x = PdfCanvas.MARGIN;
            Color color = r.flagged() ? FLAG : Color.BLACK;
            for (int i = 0; i < cols.size(); i++) {
                cell(c, x, widths[i], CellText.grouped(r.shown(i, cols.get(i)), cols.get(i).kind()),
                        cols.get(i).kind().numeric(), color);
                x += widths[i];
            }
            if (withNotes) {
                cell(c, x, widths[cols.size()], String.join(", ", r.notes()), false, Color.DARK_GRAY);
            }
            c.down(ROW);
            c.line(PdfCanvas.MARGIN, c.y() + 2, PdfCanvas.MARGIN + c.width(), c.y() + 2);
        }
        for (View.Total t : v.totals()) {
            c.need(ROW);
            float x = PdfCanvas.MARGIN;
            for (int i = 0; i < cols.size(); i++) {
                String text = i == 0 ? t.label() : CellText.grouped(t.values().get(i), cols.get(i).kind());
                cell(c, x, widths[i], text, i > 0, Color.BLACK);
                x += widths[i];
            }
            c.down(ROW);
        }
        c.down(12);
    }

    private static void header(PdfCanvas c, View v, boolean withNotes, float[] widths, Labels l) {
        c.box(PdfCanvas.MARGIN, c.y() + 2, c.width(), ROW + 2, HEADER);
        float x = PdfCanvas.MARGIN;
        for (int i = 0; i < v.columns().size(); i++) {
            // numbers are right-aligned, so are their headers
            cell(c, x, widths[i], v.columns().get(i).header(), v.columns().get(i).kind().numeric(), Color.BLACK);
            x += widths[i];
        }
        if (withNotes) {
            cell(c, x, widths[v.columns().size()], l.get("col.notes"), false, Color.BLACK);
        }
        c.down(ROW + 2);
    }

    private static void cell(PdfCanvas c, float x, float width, String text, boolean right, Color color) {
        String shown = c.fit(text, BODY, width - 4);
        float tx = right ? x + width - 2 - c.textWidth(shown, BODY) : x + 2;
        c.text(tx, c.y() - 8, shown, BODY, color);
    }

    /** Column widths from the widest text, scaled to the page. */
    private static float[] widths(PdfCanvas c, View v, boolean withNotes) {
        int n = v.columns().size() + (withNotes ? 1 : 0);
        float[] w = new float[n];
        for (int i = 0; i < v.columns().size(); i++) {
            Column col = v.columns().get(i);
            w[i] = Math.min(c.textWidth(col.header(), BODY), 90);
            for (TableRow r : v.rows()) {
                w[i] = Math.max(w[i], Math.min(180, c.textWidth(CellText.grouped(r.cells().get(i), col.kind()), BODY)));
            }
            for (View.Total t : v.totals()) {
                w[i] = Math.max(w[i], c.textWidth(i == 0 ? t.label() : CellText.grouped(t.values().get(i), col.kind()), BODY));
            }
            w[i] += 8;
        }
        if (withNotes) {
            w[n - 1] = 40;
        }
        float sum = 0;
        for (float x : w) {
            sum += x;
        }
        float scale = c.width() / sum;
        for (int i = 0; i < n; i++) {
            w[i] *= scale;
        }
        return w;
    }

    private static void charts(PdfCanvas c, List<ChartSpec> charts, Labels l) {
        if (charts.isEmpty()) {
            return;
        }
        float h = 230;
        float w = c.width() / 2 - 6;
        c.need(h + 20);
        c.text(PdfCanvas.MARGIN, c.y() - 11, l.get("charts"), 10.5f, Color.BLACK);
        c.down(16);
        for (int i = 0; i < charts.size(); i++) {
            boolean left = i % 2 == 0;
            if (left) {
                c.need(h + 6);
            }
            BufferedImage image = ChartImages.draw(charts.get(i), (int) (w * 2), (int) (h * 2));
            try {
                PDImageXObject x = LosslessFactory.createFromImage(c.doc, image);
                c.image(x, PdfCanvas.MARGIN + (left ? 0 : w + 12), c.y(), w, h);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!left || i == charts.size() - 1) {
                c.down(h + 8);
            }
        }
    }

    private static void notes(PdfCanvas c, List<QualityNote> notes, Labels l) {
        c.need(30);
        c.text(PdfCanvas.MARGIN, c.y() - 11, l.get(notes.isEmpty() ? "notes.none" : "notes.title"), 10.5f, Color.BLACK);
        c.down(16);
        for (QualityNote n : notes) {
            c.need(ROW);
            c.text(PdfCanvas.MARGIN, c.y() - 8, n.id(), BODY, Color.DARK_GRAY);
            c.text(PdfCanvas.MARGIN + 30, c.y() - 8, c.fit(n.text(), BODY, c.width() - 30), BODY, Color.BLACK);
            c.down(ROW);
        }
    }
}
