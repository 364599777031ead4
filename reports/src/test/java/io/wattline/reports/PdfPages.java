package io.wattline.reports;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Renders a report's first PDF page to {@code target/report-pages/NAME.png} for people to look at. */
final class PdfPages {

    private PdfPages() {
    }

    static Path renderFirstPage(PDDocument pdf, String name) throws Exception {
        return render(pdf, 0, name);
    }

    /** Every page, as NAME-pN.png; returns the first. */
    static Path renderAll(PDDocument pdf, String name) throws Exception {
        Path first = null;
        for (int i = 0; i < pdf.getNumberOfPages(); i++) {
            Path p = render(pdf, i, name + "-p" + (i + 1));
            first = first == null ? p : first;
        }
        return first;
    }

    static Path render(PDDocument pdf, int page, String name) throws Exception {
        BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page, 110);
        Path out = Path.of("target", "report-pages", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image, "png", out.toFile());
        return out;
    }
}
