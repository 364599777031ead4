package io.wattline.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.tariff.TariffBand;
import io.wattline.reports.archive.ArchivedRun;
import io.wattline.reports.bills.UtilityBill;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly cost report of the hand-computed month ({@link FixtureMonth}), every figure written out
 * by hand. February 2026: 28 days = 672 h. Each day has valley 00-08 (8 h × 0.30 CNY/kWh), peak 08-20
 * (12 h × 1.00) and flat 20-24 (4 h × 0.60): one constant kW costs 2.40 + 12.00 + 2.40 = 16.80 CNY a
 * day, 470.40 CNY in the month.
 * <ul>
 * <li>main 100 kW, sub-a 60 kW (cc-a), sub-b 30 kW (cc-b); loss = 100 − 60 − 30 = 10 kW, booked to
 * main's cost centre cc-a. So cc-a draws 70 kW: 70 × 672 = 47 040 kWh, cc-b 30 × 672 = 20 160 kWh;
 * the replacement, the rollover and the gap change none of it (they are bridged), they are noted.
 * <li>cc-a: peak 70 × 12 × 28 × 1.00 = 23 520.00; flat 70 × 4 × 28 × 0.60 = 4 704.00; valley
 * 70 × 8 × 28 × 0.30 = 4 704.00; energy 32 928.00 = 70 × 470.40.
 * cc-b: peak 10 080.00, flat 2 016.00, valley 2 016.00, energy 14 112.00 = 30 × 470.40.
 * <li>Demand: the site's peak 15 minutes are 100 kW → 100 × 40 CNY/kW = 4 000.00, split by each cost
 * centre's demand in that block, 70 : 30 → 2 800.00 and 1 200.00.
 * <li>Power factor: kvarh = 32.8 × 672 = 22 041.6; cos φ = 67 200 / √(67 200² + 22 041.6²) = 0.9502 →
 * 0.95 → −0.75 % of (energy 47 040.00 + demand 4 000.00 = 51 040.00) = −382.80, split by each
 * centre's electricity charge 35 728 : 15 312 = 0.7 : 0.3 → −267.96 and −114.84.
 * <li>Totals: cc-a 32 928.00 + 2 800.00 − 267.96 = 35 460.04; cc-b 14 112.00 + 1 200.00 − 114.84 =
 * 15 197.16; water (cc-b) 2 m³/h × 672 h = 1 344 m³ × 5.00 = 6 720.00; all 57 377.20.
 * <li>Readings: main 10 000 → 77 200; sub-a 5 000 → 60 × (672 − 228) = 26 640 (replaced at h = 228,
 * 13 680 + 26 640 = 40 320); sub-b 99 995 000 → 99 995 000 + 20 160 − 100 000 000 = 15 160; water 1 000 → 2 344.
 * <li>Bill: finance enters peak 34 000 kWh (metered 12 × 28 × 100 = 33 600: −400, −1.18 %, above the
 * 1 % tolerance) and 51 057.20 CNY (metered 47 040.00 + 4 000.00 − 382.80 = 50 657.20: −0.78 %, within).
 * </ul>
 */
class HandComputedMonthTest {

    @TempDir
    static Path data;

    private static FixtureMonth month;
    private static ArchivedRun run;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T02:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void runTheReport() throws Exception {
        month = FixtureMonth.open(data);
        month.bills.add(new UtilityBill(YearMonth.of(2026, 2), Map.of(TariffBand.VALLEY, 22_400.0, TariffBand.PEAK,
                34_000.0, TariffBand.FLAT, 11_200.0), 100.0, 0.95, 51_057.20, "供电局 2 月账单", "finance",
                Instant.parse("2026-03-02T01:00:00Z")));
        run = month.service(CLOCK).run("monthly", "2026-02", "finance", ReportService.Trigger.ON_DEMAND);
    }

    @AfterAll
    static void close() {
        month.close();
    }

    private static byte[] file(String extension) throws Exception {
        return Files.readAllBytes(month.archive.file(run.id(), "monthly-2026-02." + extension).orElseThrow());
    }

    @Test
    void costAllocationByHand() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file("xlsx")))) {
            List<Map<String, Object>> rows = XlsxSheets.rows(wb.getSheet("成本分摊"), "成本中心");
            Map<String, Object> a = XlsxSheets.row(rows, "Pressing 冲压部", "电");
            assertEquals(47_040.0, a.get("用量"));
            assertEquals(23_520.00, a.get("峰电费（CNY）"));
            assertEquals(4_704.00, a.get("平电费（CNY）"));
            assertEquals(4_704.00, a.get("谷电费（CNY）"));
            assertEquals(32_928.00, a.get("电度/能源费（CNY）"));
            assertEquals(2_800.00, a.get("需量电费（CNY）"));
            assertEquals(-267.96, a.get("力调电费（CNY）"));
            assertEquals(35_460.04, a.get("合计（CNY）"));
            assertEquals("N1, N2, N3", a.get("说明"), "the gap on main, sub-a's replacement, sub-b's rollover");
            Map<String, Object> b = XlsxSheets.row(rows, "Assembly 装配部", "电");
            assertEquals(20_160.0, b.get("用量"));
            assertEquals(10_080.00, b.get("峰电费（CNY）"));
            assertEquals(2_016.00, b.get("平电费（CNY）"));
            assertEquals(2_016.00, b.get("谷电费（CNY）"));
            assertEquals(1_200.00, b.get("需量电费（CNY）"));
            assertEquals(-114.84, b.get("力调电费（CNY）"));
            assertEquals(15_197.16, b.get("合计（CNY）"));
            assertEquals("N3", b.get("说明"));
            Map<String, Object> water = XlsxSheets.row(rows, "Assembly 装配部", "水");
            assertEquals("m³", water.get("单位"));
            assertEquals(1_344.0, water.get("用量"));
            assertEquals(6_720.00, water.get("电度/能源费（CNY）"));
            assertEquals(null, water.get("需量电费（CNY）"), "demand charge is electricity's");
            assertEquals(6_720.00, water.get("合计（CNY）"));
            // totals are formulas: per carrier (SUMIF on the carrier column) and the money of all
            Map<String, Object> electricity = XlsxSheets.row(rows, "合计 电", null);
            assertEquals(67_200.0, electricity.get("用量"));
            assertEquals(50_657.20, electricity.get("合计（CNY）"));
            assertEquals(57_377.20, XlsxSheets.row(rows, "合计", null).get("合计（CNY）"));
            Cell formula = findCell(wb.getSheet("成本分摊"), "合计", 10);
            assertTrue(formula.getCellFormula().startsWith("SUM($K$"), formula.getCellFormula());
            assertEquals("#,##0.00", formula.getCellStyle().getDataFormatString(), "money to the fen");
        }
    }

    @Test
    void readingsReconciliationBillAndNotesByHand() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file("xlsx")))) {
            List<Map<String, Object>> readings = XlsxSheets.rows(wb.getSheet("抄表"), "表计");
            Map<String, Object> subA = XlsxSheets.row(readings, "sub-a", null);
            assertEquals(5_000.0, subA.get("期初读数"));
            assertEquals(26_640.0, subA.get("期末读数"), "the new meter's register");
            assertEquals(40_320.0, subA.get("用量"), "13 680 on the old meter + 26 640 on the new");
            assertEquals(15_160.0, XlsxSheets.row(readings, "sub-b", null).get("期末读数"), "after the rollover");
            assertEquals(77_200.0, XlsxSheets.row(readings, "main", null).get("期末读数"));
            assertEquals("是", XlsxSheets.row(readings, "main", null).get("结算表"), "the root is the billing meter");
            assertEquals(2_344.0, XlsxSheets.row(readings, "water", null).get("期末读数"));
            Sheet readingSheet = wb.getSheet("抄表");
            Cell readAt = findCell(readingSheet, "main", 5);
            assertTrue(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(readAt), "read times are Excel dates");

            Map<String, Object> loss = XlsxSheets.row(XlsxSheets.rows(wb.getSheet("对账"), "总表"), "main", null);
            assertEquals(67_200.0, loss.get("总表用量"));
            assertEquals(60_480.0, loss.get("分表合计"));
            assertEquals(6_720.0, loss.get("损耗"));
            assertEquals(10.0, loss.get("损耗率（%）"));

            List<Map<String, Object>> bill = XlsxSheets.rows(wb.getSheet("账单核对"), "项目");
            Map<String, Object> peak = XlsxSheets.row(bill, "峰电量", null);
            assertEquals(33_600.0, peak.get("计量值"));
            assertEquals(-400.0, peak.get("差额"));
            assertEquals(-1.18, peak.get("差额（%）"));
            assertEquals("超出允差", peak.get("核对"));
            Map<String, Object> amount = XlsxSheets.row(bill, "金额", null);
            assertEquals(50_657.20, amount.get("计量值"));
            assertEquals(-0.78, amount.get("差额（%）"));
            assertEquals("相符", amount.get("核对"));
            assertEquals("相符", XlsxSheets.row(bill, "功率因数", null).get("核对"));

            Sheet notes = wb.getSheet("数据质量");
            assertTrue(text(notes).contains("main：2026-02-15 06:00 至 2026-02-15 18:00 无读数（720 分钟）"), text(notes));
            assertTrue(text(notes).contains("sub-a：2026-02-10 12:00 换表（旧表止码 18680.0，新表起码 0.0）"), text(notes));
            assertTrue(text(notes).contains("sub-b") && text(notes).contains("翻转"), text(notes));
            Cell link = findCell(wb.getSheet("成本分摊"), "Pressing 冲压部", 11);
            assertEquals("'数据质量'!A3", link.getHyperlink().getAddress(), "N1 sits on the notes sheet's row 3");
        }
    }

    @Test
    void pdfHasTheChineseLabelsAndIsRenderedToPng() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(file("pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            for (String label : List.of("测试工厂", "成本分摊", "需量电费", "力调电费", "抄表", "供电账单对比", "超出允差", "50,657.20",
                    "供电账单对比", "数据质量", "35,460.04", "57,377.20", "50,657.20", "第 1 页，共")) {
                assertTrue(text.contains(label), () -> "PDF text lacks '" + label + "':\n" + text);
            }
            assertTrue(pdf.getDocumentCatalog().getPages().get(0).getResources().getFontNames().iterator().hasNext());
            Path png = PdfPages.renderAll(pdf, "monthly-cost-fixture");
            assertTrue(Files.size(png) > 10_000, png + " is a real picture");
        }
    }

    @Test
    void csvIsUtf8WithBomAndShowsTheFigures() throws Exception {
        byte[] csv = file("csv");
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("成本中心,能源,单位,用量,"), text);
        assertTrue(text.contains("Pressing 冲压部,电,kWh,47040.0,23520.00,4704.00,4704.00,32928.00,2800.00,-267.96,35460.04,N1 N2 N3"), text);
        assertTrue(text.contains("合计 电,,,67200.0,33600.00,6720.00,6720.00,47040.00,4000.00,-382.80,50657.20,"), text);
        assertTrue(text.contains("合计,,,,33600.00,6720.00,6720.00,53760.00,4000.00,-382.80,57377.20,"),
                "the grand total sums money only: " + text);
    }

    @Test
    void theRunIsIndexedAndAudited() throws Exception {
        ArchivedRun indexed = month.archive.runs().get(0);
        assertEquals(run.id(), indexed.id());
        assertEquals("2026-02", indexed.period());
        assertEquals("finance", indexed.generatedBy());
        assertEquals(List.of("xlsx", "pdf", "csv"), indexed.files().stream().map(ArchivedRun.ArchivedFile::format).toList());
        assertTrue(Files.readString(month.audit).contains("\"action\":\"report.run\""));
    }

    private static Cell findCell(Sheet sheet, String first, int column) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && first.equals(r.getCell(0).toString())) {
                return r.getCell(column);
            }
        }
        throw new AssertionError("no row " + first);
    }

    private static String text(Sheet sheet) {
        StringBuilder out = new StringBuilder();
        for (Row r : sheet) {
            r.forEach(c -> out.append(c.toString()).append(' '));
            out.append('\n');
        }
        return out.toString();
    }
}
