package io.wattline.reports.render;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A cursor over landscape A4 pages of one PDF: text in the embedded report font (a character the font
 * lacks is drawn as '?', never dropped silently), filled boxes, images; a new page when the next
 * block does not fit. Page numbers are stamped at the end, when the count is known.
 */
final class PdfCanvas implements AutoCloseable {

    static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    static final float MARGIN = 36;

    final PDDocument doc;
    final PDType0Font font;
    private final String header;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream stream;
    private float y;

    PdfCanvas(PDDocument doc, String header) {
        this.doc = doc;
        this.font = ReportFont.load(doc);
        this.header = header;
        newPage();
    }

    float width() {
        return PAGE.getWidth() - 2 * MARGIN;
    }

    float y() {
        return y;
    }

    void down(float points) {
        y -= points;
    }

    /** Starts a new page when fewer than {@code points} remain above the footer. */
    void need(float points) {
        if (y - points < MARGIN + 14) {
            newPage();
        }
    }

    void newPage() {
        closeStream();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        try {
            stream = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PAGE.getHeight() - MARGIN;
        text(MARGIN, y, header, 7.5f, Color.GRAY);
        y -= 14;
    }

    void text(float x, float baseline, String s, float size, Color color) {
        try {
            stream.beginText();
            stream.setFont(font, size);
            stream.setNonStrokingColor(color);
            stream.newLineAtOffset(x, baseline);
            stream.showText(printable(s));
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float textWidth(String s, float size) {
        try {
            return font.getStringWidth(printable(s)) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s} cut with an ellipsis to fit {@code width}. */
    String fit(String s, float size, float width) {
        if (textWidth(s, size) <= width) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && textWidth(cut + "..", size) > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "..";
    }

    void box(float x, float top, float w, float h, Color fill) {
        try {
            stream.setNonStrokingColor(fill);
            stream.addRect(x, top - h, w, h);
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(float x1, float y1, float x2, float y2) {
        try {
            stream.setStrokingColor(Color.LIGHT_GRAY);
            stream.setLineWidth(0.4f);
            stream.moveTo(x1, y1);
            stream.lineTo(x2, y2);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(PDImageXObject image, float x, float top, float w, float h) {
        try {
            stream.drawImage(image, x, top - h, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the characters the font has no glyph for. */
    private String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = glyphs.computeIfAbsent(cp, c -> {
                try {
                    font.encode(new String(Character.toChars(c)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            out.appendCodePoint(ok ? cp : '?');
        });
        return out.toString();
    }

    /** Stamps "page x of y" at the foot of every page. */
    void pageNumbers(String pattern) {
        closeStream();
        int total = doc.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream s = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                stream = s;
                String label = pattern.replace("{0}", String.valueOf(i + 1)).replace("{1}", String.valueOf(total));
                text(PAGE.getWidth() - MARGIN - textWidth(label, 7.5f), MARGIN - 10, label, 7.5f, Color.GRAY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        stream = null;
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
