package io.wattline.reports.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font reports print with: Wattline Report Sans, Droid Sans Fallback's CJK glyphs (Apache License
 * 2.0) merged with DejaVu Sans' Latin ones (Bitstream Vera licence) by reports/fonts/build-report-font.py,
 * bundled in the jar; PDFs embed the subset they use, charts draw with the same face.
 */
public final class ReportFont {

    public static final String RESOURCE = "fonts/WattlineReportSans.ttf";
    public static final String NAME = "Wattline Report Sans";

    private static volatile byte[] bytes;
    private static volatile Font awt;

    private ReportFont() {
    }

    private static byte[] bytes() {
        if (bytes == null) {
            synchronized (ReportFont.class) {
                if (bytes == null) {
                    try (InputStream in = ReportFont.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("the report font " + RESOURCE + " is not on the classpath");
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the report font " + RESOURCE, e);
                    }
                }
            }
        }
        return bytes;
    }

    /** The font embedded (as a subset) in {@code doc}. */
    public static PDType0Font load(PDDocument doc) {
        try {
            return PDType0Font.load(doc, new ByteArrayInputStream(bytes()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed the report font: " + e.getMessage(), e);
        }
    }

    /** The same face for Java2D (charts). */
    public static Font awt(float size) {
        if (awt == null) {
            synchronized (ReportFont.class) {
                if (awt == null) {
                    try {
                        awt = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes()));
                    } catch (FontFormatException | IOException e) {
                        throw new IllegalStateException("the report font " + RESOURCE + " cannot be read: " + e.getMessage(), e);
                    }
                }
            }
        }
        return awt.deriveFont(size);
    }
}
