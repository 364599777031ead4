package io.wattline.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.kpi.ProductionEntry;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.ReportScope;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.report.ReportType;
import io.wattline.reports.archive.ArchivedRun;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy review against a baseline fitted by hand. Line B (sub-b) makes p(d) = 1000 + 100 × (d mod 5)
 * parts on day d (entered by hand, d = days since Jan 1) and draws 500 + 0.5 p(d) kWh a day in January,
 * 520 + 0.5 p(d) in February: the January baseline is exactly kWh = 500 + 0.5 × production (R² 1), and
 * every February day is 20 kWh above it, 28 × 20 = 560 kWh in the month. Line A (sub-a) has no
 * production at all, so it gets no baseline and says so.
 */
class EnergyReviewTest {

    @TempDir
    static Path data;

    private static FixtureMonth month;
    private static ProductionLog log;
    private static final Instant JAN = FixtureMonth.local("2026-01-01T00:00");
    private static final int DAYS = 62;

    static double production(int d) {
        return 1000 + 100 * (d % 5);
    }

    static double dayEnergy(int d) {
        return (d < 31 ? 500 : 520) + 0.5 * production(d);
    }

    /** Sub-b's energy since Feb 1 00:00 at h hours (h < 0 in January), constant power within each day. */
    static double subB(double h) {
        double hoursFromJan = h + 31 * 24;
        int day = (int) Math.floor(hoursFromJan / 24);
        double sum = 0;
        for (int d = 0; d < day && d < DAYS; d++) {
            sum += dayEnergy(d);
        }
        double beforeFeb = 0;
        for (int d = 0; d < 31; d++) {
            beforeFeb += dayEnergy(d);
        }
        return sum + dayEnergy(Math.max(0, Math.min(DAYS - 1, day))) * (hoursFromJan - 24 * day) / 24 - beforeFeb;
    }

    @BeforeAll
    static void open() throws Exception {
        month = FixtureMonth.open(data, JAN.minus(Duration.ofHours(1)), EnergyReviewTest::subB);
        log = new ProductionLog(data.resolve(ProductionLog.FILE_NAME));
        for (int d = 0; d < 59; d++) {
            Instant from = JAN.plus(Duration.ofDays(d));
            log.add(new ProductionEntry("lb", from, from.plus(Duration.ofDays(1)), production(d), "班报",
                    Instant.parse("2026-03-01T00:00:00Z")));
        }
    }

    @AfterAll
    static void close() {
        month.close();
    }

    @Test
    void linesAgainstTheirBaselineAndTheTopDeviationsByHand() throws Exception {
        ReportDefinition review = new ReportDefinition("review", "Energy review 能源评审", ReportType.ENERGY_REVIEW,
                ReportScope.SITE, null, List.of(ReportFormat.XLSX, ReportFormat.PDF), "en", List.of(), null, 1.0,
                null, 1);
        ReportService service = month.service(Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC), log,
                new ReportSettings(List.of(review), Optional.empty()));
        ArchivedRun run = service.run("review", "2026-02", "energy.manager", ReportService.Trigger.ON_DEMAND);
        double energy = 0;
        double produced = 0;
        for (int d = 31; d < 59; d++) {
            energy += dayEnergy(d);
            produced += production(d);
        }
        double expected = energy - 28 * 20;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(
                month.archive.file(run.id(), "review-2026-02.xlsx").orElseThrow())))) {
            List<Map<String, Object>> lines = XlsxSheets.rows(wb.getSheet("Lines vs baseline"), "Line");
            Map<String, Object> b = XlsxSheets.row(lines, "Line B 乙线", null);
            assertEquals(energy, (Double) b.get("Energy (kWh)"), 0.005);
            assertEquals(produced, (Double) b.get("Production"), 0.005);
            assertEquals(expected, (Double) b.get("Baseline expects (kWh)"), 0.005);
            assertEquals(560.0, (Double) b.get("Difference"), 0.005);
            assertEquals(Math.round(100 * 100.0 * 560 / expected) / 100.0, (Double) b.get("Difference (%)"), 1e-9);
            assertEquals("kWh = 500.00 + 0.5000 × production (R² 1.000, 31 days)", b.get("Baseline model"));
            Map<String, Object> a = XlsxSheets.row(lines, "Line A 甲线", null);
            assertTrue(a.get("Baseline model").toString().startsWith("no baseline: 2026-01-01 00:00 to 2026-02-01 00:00"),
                    a.toString());
            List<Map<String, Object>> top = XlsxSheets.rows(wb.getSheet("Top deviations"), "Line and day");
            assertEquals(10, top.size());
            assertEquals(20.0, (Double) top.get(0).get("Difference"), 0.005);
            assertTrue(top.get(0).get("Line and day").toString().startsWith("Line B 乙线 2026-02-"), top.toString());

            List<Map<String, Object>> carriers = XlsxSheets.rows(wb.getSheet("By carrier"), "Carrier");
            Map<String, Object> electricity = XlsxSheets.row(carriers, "Electricity", null);
            // main = sub-a 60 kW + sub-b + 10 kW loss: 70 × 672 h + Σ sub-b
            assertEquals(70 * 672 + energy, (Double) electricity.get("Consumption"), 0.01);
            assertEquals(Math.round((70 * 672 + energy) * 0.1229) / 1000.0, (Double) electricity.get("tce"), 0.0006);
        }
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(
                month.archive.file(run.id(), "review-2026-02.pdf").orElseThrow()))) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains("kWh = 500.00 + 0.5000 × production (R² 1.000, 31 days)"), text);
            PdfPages.renderFirstPage(pdf, "energy-review-fixture");
        }
    }
}
