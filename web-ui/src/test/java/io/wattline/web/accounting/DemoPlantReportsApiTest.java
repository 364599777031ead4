package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.reports.ReportService;
import io.wattline.reports.bills.BillRegister;
import io.wattline.reports.delivery.AuditLogFile;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import io.wattline.web.reports.ReportsController;
import io.wattline.web.reports.ReportsWiring;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The finance reports of the demo plant over two simulated days in a real DuckDB store, made through
 * {@code POST /api/reports/{id}/runs} and downloaded from the archive: every total of the XLSX (read
 * with POI, formulas evaluated) and of the PDF (text read with PDFBox) equals the total
 * {@code GET /api/consumption} answers for the same group, period and range, to the rounding shown
 * (0.01 a row). Each PDF's first page is rendered to target/report-pages/ for people to look at.
 */
class DemoPlantReportsApiTest {

    @TempDir
    static Path data;

    private static DemoDay days;
    private static WebTestClient client;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataFormatter TEXT = new DataFormatter();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-02T02:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        days = DemoDay.simulate(data.resolve("store"), 2, true);
        AccountingService accounting = AccountingWiring.create(days.plant, days.catalog, days.historian, "", false);
        LineKpis kpis = new LineKpis(days.catalogue, accounting, days.historian.reader(),
                new ProductionLog(data.resolve(ProductionLog.FILE_NAME)));
        BillRegister bills = new BillRegister(data.resolve(BillRegister.FILE_NAME));
        AuditLogFile audit = new AuditLogFile(data.resolve("audit.jsonl"), CLOCK);
        RunningPlant plant = new RunningPlant(days.plant, null);
        ReportService reports = ReportsWiring.create(plant, accounting, kpis, days.historian, bills, audit, data, CLOCK, "");
        client = WebTestClient.bindToController(new ConsumptionController(accounting, plant, CLOCK),
                        new ReportsController(reports, bills, audit, CLOCK))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(java.time.Duration.ofSeconds(120))
                .build();
    }

    @AfterAll
    static void close() {
        days.historian.close();
    }

    /** Runs a report through the API and downloads its file of {@code extension}. */
    private static byte[] run(String id, String period, String extension) {
        byte[] body = client.post().uri("/api/reports/" + id + "/runs?period=" + period).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        JsonNode run = JSON.readTree(body);
        assertEquals(period, run.get("period").asString());
        String name = id + "-" + period + "." + extension;
        return client.get().uri("/api/reports/runs/" + run.get("id").asString() + "/files/" + name).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
    }

    private static JsonNode api(String query) {
        return ApiJson.get(client, "/api/consumption?" + query);
    }

    /** The API's totals by carrier name as the reports write it (电, 水, …). */
    private static Map<String, JsonNode> apiTotals(JsonNode report) {
        Map<String, String> names = Map.of("ELECTRICITY", "电", "WATER", "水", "NATURAL_GAS", "天然气", "STEAM", "蒸汽",
                "COMPRESSED_AIR", "压缩空气", "HEAT", "热");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        report.get("totals").forEach(t -> out.put(names.get(t.get("carrier").asString()), t));
        return out;
    }

    /** The total rows "合计 <carrier>" of a sheet: carrier → header → value. */
    private static Map<String, Map<String, Double>> sheetTotals(Sheet sheet, String firstHeader) {
        Row head = null;
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Row r : sheet) {
            String first = r.getCell(0) == null ? "" : TEXT.formatCellValue(r.getCell(0));
            if (first.equals(firstHeader)) {
                head = r;
            } else if (head != null && first.startsWith("合计 ")) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (int c = 1; c < head.getLastCellNum(); c++) {
                    if (r.getCell(c) != null) {
                        values.put(TEXT.formatCellValue(head.getCell(c)), r.getCell(c).getNumericCellValue());
                    }
                }
                out.put(first.substring(3), values);
            }
        }
        return out;
    }

    private static int dataRows(Sheet sheet, String firstHeader) {
        int n = 0;
        boolean in = false;
        for (Row r : sheet) {
            String first = r.getCell(0) == null ? "" : TEXT.formatCellValue(r.getCell(0));
            if (first.equals(firstHeader)) {
                in = true;
            } else if (in && first.startsWith("合计")) {
                break;
            } else if (in) {
                n++;
            }
        }
        return n;
    }

    /** Σ of n cells each rounded to 0.01 differs from the rounded sum by at most n × 0.005. */
    private static void assertTotals(Sheet sheet, String firstHeader, JsonNode api, String costHeader) {
        Map<String, Map<String, Double>> totals = sheetTotals(sheet, firstHeader);
        Map<String, JsonNode> expected = apiTotals(api);
        assertEquals(expected.keySet(), totals.keySet(), "one total row per carrier of the API's totals");
        double tolerance = 0.005 * (dataRows(sheet, firstHeader) + 1);
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            Map<String, Double> row = totals.get(e.getKey());
            assertEquals(e.getValue().get("value").asDouble(), row.get("用量"), tolerance, e.getKey() + " consumption");
            JsonNode cost = e.getValue().get("cost");
            if (cost != null && !cost.isNull()) {
                assertEquals(cost.asDouble(), row.get(costHeader), tolerance, e.getKey() + " cost");
            } else {
                assertTrue(!row.containsKey(costHeader), e.getKey() + " has no price: its cost is blank");
            }
        }
    }

    @Test
    void monthlyCostTotalsInXlsxAndPdfEqualTheApi() throws Exception {
        JsonNode api = api("group=costcentre&period=month&from=2026-03-01&to=2026-04-01");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("monthly-cost", "2026-03", "xlsx")))) {
            assertTotals(wb.getSheet("成本分摊"), "成本中心", api, "电度/能源费（CNY）");
            JsonNode daily = api("group=site&period=day&from=2026-03-01&to=2026-04-01");
            assertTotals(wb.getSheet("每日"), "厂区", daily, "费用（CNY）");
        }
        Map<String, JsonNode> totals = apiTotals(api);
        try (PDDocument pdf = Loader.loadPDF(run("monthly-cost", "2026-03", "pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("月度能源成本分摊") && text.contains("成本中心") && text.contains("数据质量"), text);
            List<Double> electricity = numbersAfter(text, "合计 电");
            assertEquals(totals.get("电").get("value").asDouble(), electricity.get(0), 0.1, "kWh shown to 0.1");
            // energy cost is the 5th figure after the consumption and the peak, flat and valley costs
            assertEquals(totals.get("电").get("cost").asDouble(), electricity.get(4), 0.05, text);
            assertEquals(totals.get("水").get("value").asDouble(), numbersAfter(text, "合计 水").get(0), 0.01);
            page(pdf, "monthly-cost");
        }
    }

    @Test
    void dailyAndShiftTotalsEqualTheApi() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("daily", "2026-03-02", "xlsx")))) {
            assertTotals(wb.getSheet("按产线和班次"), "产线",
                    api("group=line&period=shift&from=2026-03-02&to=2026-03-03"), "费用（CNY）");
            assertTotals(wb.getSheet("按成本中心"), "成本中心",
                    api("group=costcentre&period=day&from=2026-03-02&to=2026-03-03"), "费用（CNY）");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("shift-summary", "2026-03-02.morning",
                "xlsx")))) {
            assertTotals(wb.getSheet("按产线"), "产线",
                    api("group=line&period=shift&from=2026-03-02T06:00&to=2026-03-02T14:00"), "费用（CNY）");
        }
        try (PDDocument pdf = Loader.loadPDF(run("daily", "2026-03-02", "pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            JsonNode api = api("group=costcentre&period=day&from=2026-03-02&to=2026-03-03");
            assertEquals(apiTotals(api).get("电").get("value").asDouble(), lastNumbersAfter(text, "合计 电").get(0), 0.1);
            page(pdf, "daily");
        }
        try (PDDocument pdf = Loader.loadPDF(run("shift-summary", "2026-03-02.morning", "pdf"))) {
            page(pdf, "shift-summary");
        }
    }

    @Test
    void energyReviewTceAndReadingsEqualTheApi() throws Exception {
        JsonNode site = api("group=site&period=month&from=2026-03-01&to=2026-04-01");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("energy-review", "2026-03", "xlsx")))) {
            Sheet carriers = wb.getSheet("分能源");
            double tce = 0;
            for (Row r : carriers) {
                if (r.getCell(0) != null && TEXT.formatCellValue(r.getCell(0)).equals("合计")) {
                    tce = r.getCell(4).getNumericCellValue();
                }
            }
            assertEquals(site.get("totalTce").asDouble(), tce, 0.0005 * 6, "Σ tce of the carriers to 0.001 tce");
            StringBuilder lines = new StringBuilder();
            wb.getSheet("产线对基准").forEach(r -> lines.append(r.getCell(0) == null ? "" : TEXT.formatCellValue(r.getCell(0)))
                    .append('\n'));
            assertTrue(lines.toString().contains("Line 1 stamping 冲压线"), lines::toString);
        }
        try (PDDocument pdf = Loader.loadPDF(run("energy-review", "2026-03", "pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("吨标准煤") && text.contains("各产线单耗与能源基准对比"), text);
            page(pdf, "energy-review");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("meter-readings", "2026-03", "xlsx")))) {
            JsonNode main = site.get("reconciliation").get("childrenVsParent").get(0);
            double consumption = Double.NaN;
            for (Row r : wb.getSheet("抄表")) {
                if (r.getCell(0) != null && TEXT.formatCellValue(r.getCell(0)).equals(main.get("parentMeterId").asString())) {
                    consumption = r.getCell(9).getNumericCellValue();
                }
            }
            assertEquals(main.get("parent").asDouble(), consumption, 0.005, "the main meter's month");
        }
        try (PDDocument pdf = Loader.loadPDF(run("meter-readings", "2026-03", "pdf"))) {
            assertTrue(new PDFTextStripper().getText(pdf).contains("结算表期初期末读数"));
            page(pdf, "meter-readings");
        }
    }

    @Test
    void anEnglishReportHasEnglishWords() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(run("monthly-cost-en", "2026-03", "pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Cost per cost centre and carrier") && text.contains("Page 1 of"), text);
            page(pdf, "monthly-cost-en");
        }
    }

    @Test
    void billsAreEnteredCheckedAndListedAndTheMonthlyReportComparesThem() throws Exception {
        client.post().uri("/api/reports/bills").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"month\":\"2026-03\",\"kwh\":{\"peak\":100,\"flat\":80,\"valley\":60},\"amount\":-5}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.parameter").isEqualTo("amount");
        client.post().uri("/api/reports/bills").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"month\":\"2026-3\",\"amount\":5}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("month");
        client.post().uri("/api/reports/bills").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"month\":\"2026-03\",\"kwh\":{\"peak\":1000,\"flat\":800,\"valley\":600},"
                        + "\"maxDemandKw\":300,\"powerFactor\":0.93,\"amount\":2000.5,\"note\":\"3月账单\"}")
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/reports/bills.csv").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("month,peak,flat,valley,amount\n2026-02,1,2,3,4.5\n2026-13,1,2,3,4\n").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.entered").isEqualTo(1)
                .jsonPath("$.rejected[0].line").isEqualTo(3);
        JsonNode listed = ApiJson.get(client, "/api/reports/bills?month=2026-03");
        assertEquals(2000.5, listed.get(0).get("amount").asDouble());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(run("monthly-cost", "2026-03", "xlsx")))) {
            assertTrue(wb.getSheet("账单核对") != null, "the bill check sheet appears once a bill is entered");
        }
        String audit = Files.readString(data.resolve("audit.jsonl"));
        assertTrue(audit.contains("\"action\":\"bill.enter\"") && audit.contains("\"action\":\"bill.import\"")
                && audit.contains("\"action\":\"report.download\""), audit);
    }

    @Test
    void unknownReportsPeriodsAndFilesAnswerWithReasons() {
        client.post().uri("/api/reports/nosuch/runs?period=2026-03").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").value(m -> assertTrue(m.toString().contains("monthly-cost")));
        client.post().uri("/api/reports/monthly-cost/runs?period=2026-03-02").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("period");
        client.post().uri("/api/reports/daily/runs").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("period");
        client.get().uri("/api/reports/runs/nosuch/files/x.pdf").exchange().expectStatus().isNotFound();
        JsonNode list = ApiJson.get(client, "/api/reports");
        assertEquals(6, list.get("definitions").size());
        assertTrue(list.get("definitions").get(2).get("periodFormat").asString().contains("YYYY-MM"));
    }

    /** The numbers on the first line that starts with {@code label}. */
    private static List<Double> numbersAfter(String text, String label) {
        for (String line : text.split("\\R")) {
            if (line.startsWith(label + " ")) {
                return numbers(line.substring(label.length()));
            }
        }
        throw new AssertionError("no line '" + label + "' in:\n" + text);
    }

    private static List<Double> lastNumbersAfter(String text, String label) {
        List<Double> last = null;
        for (String line : text.split("\\R")) {
            if (line.startsWith(label + " ")) {
                last = numbers(line.substring(label.length()));
            }
        }
        if (last == null) {
            throw new AssertionError("no line '" + label + "' in:\n" + text);
        }
        return last;
    }

    private static List<Double> numbers(String line) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?[0-9][0-9,]*\\.[0-9]+").matcher(line);
        while (m.find()) {
            out.add(Double.parseDouble(m.group().replace(",", "")));
        }
        return out;
    }

    private static void page(PDDocument pdf, String name) throws Exception {
        BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
        Path out = Path.of("target", "report-pages", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image, "png", out.toFile());
        assertTrue(Files.size(out) > 10_000);
    }
}
