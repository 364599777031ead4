package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.analytics.service.AccountingService;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiErrorHandler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
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
 * {@code /api/consumption} and its exports over a simulated demo day in a real DuckDB store, through
 * the real controllers and JSON codecs: reconciled figures, 400s naming the parameter, CSV and an
 * XLSX whose totals equal the JSON's (opened with POI), Chinese names intact.
 */
class ConsumptionApiTest {

    @TempDir
    static Path data;

    private static DemoDay day;
    private static WebTestClient client;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANGE = "from=2026-03-02&to=2026-03-03";

    @BeforeAll
    static void start() throws Exception {
        day = DemoDay.simulate(data);
        AccountingService service = AccountingWiring.create(day.plant, day.catalog, day.historian, "", false);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
        ReadingImporter importer = new ReadingImporter(day.catalogue::quantityOf,
                day.historian.readings(), day.historian.writer(), null, day.plant.zone(), clock);
        client = WebTestClient.bindToController(
                        new ConsumptionController(service, new RunningPlant(day.plant, null), clock),
                        new ReadingImportController(importer))
                .controllerAdvice(new ApiErrorHandler())
                .configureClient().responseTimeout(java.time.Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void close() {
        day.historian.close();
    }

    private static JsonNode get(String query) {
        byte[] body = client.get().uri("/api/consumption?" + query).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void lineReportIsReconciledAndMatchesTheTruth() {
        JsonNode r = get("group=line&period=day&" + RANGE);
        assertEquals("line", r.get("group").asString());
        assertEquals("FIFTEEN_MINUTES", r.get("readResolution").asString());
        double electricRows = 0;
        for (JsonNode row : r.get("rows")) {
            if (row.get("carrier").asString().equals("ELECTRICITY")) {
                electricRows += row.get("value").asDouble();
                assertTrue(row.get("cost").asDouble() > 0);
                assertFalse(row.get("bands").isEmpty());
            }
            assertNotNull(row.get("flags").get("gapSecondsInterpolated"));
        }
        double site = day.truthDelta("main-incomer");
        assertEquals(site, electricRows, site * 0.001, "Σ line rows (incl. not-on-a-line and loss) = main incomer");
        for (JsonNode c : r.get("reconciliation").get("rowsVsSite")) {
            assertEquals(0, c.get("difference").asDouble(), 1e-6 * Math.max(1, c.get("rootMeters").asDouble()));
        }
        for (JsonNode c : r.get("reconciliation").get("shiftsVsDay")) {
            assertEquals(0, c.get("difference").asDouble(), 1e-6 * Math.max(1, c.get("day").asDouble()));
        }
        JsonNode tree = r.get("reconciliation").get("childrenVsParent");
        assertEquals(2, tree.size());
        JsonNode demand = r.get("demand");
        assertFalse(demand.isEmpty());
        assertTrue(demand.get(0).get("maxKw").asDouble() > 0);
        assertFalse(demand.get(0).get("contributors").isEmpty());
        assertTrue(r.toString().contains("冲压线"), "Chinese line names come through");
    }

    @Test
    void shiftAndCrewGroupsAddUpToTheDay() {
        JsonNode day = get("group=line&period=day&carrier=electricity&" + RANGE);
        JsonNode shifts = get("group=shift&period=shift&carrier=electricity&" + RANGE);
        JsonNode crews = get("group=crew&period=day&carrier=electricity&" + RANGE);
        double total = day.get("totals").get(0).get("value").asDouble();
        assertEquals(total, sum(shifts.get("rows")), 1e-6 * total);
        assertEquals(total, sum(crews.get("rows")), 1e-6 * total);
        assertEquals(4, shifts.get("rows").size(), "night of Mar 1 (00-06), morning, afternoon, night of Mar 2");
    }

    private static double sum(JsonNode rows) {
        double s = 0;
        for (JsonNode r : rows) {
            s += r.get("value").asDouble();
        }
        return s;
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        Map<String, String> cases = new HashMap<>();
        cases.put("group=plant", "group");
        cases.put("period=year", "period");
        cases.put("from=yesterday", "from");
        cases.put("from=2026-03-03&to=2026-03-02", "to");
        cases.put("carrier=coal", "carrier");
        cases.put("path=fast", "path");
        cases.put("from=2024-01-01&to=2026-01-01", "to");
        cases.forEach((query, parameter) -> client.get().uri("/api/consumption?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo(parameter)
                .jsonPath("$.expected").exists());
    }

    @Test
    void csvCarriesTheRowsAndTotals() {
        String csv = client.get().uri("/api/consumption.csv?group=costcentre&" + RANGE).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertNotNull(csv);
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("\uFEFFgroup_id,group_name,period"), lines.get(0));
        assertTrue(csv.contains("生产部"), "cost centre names in Chinese");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("TOTAL,")));
    }

    @Test
    void xlsxTotalsEqualTheJsonTotals() throws Exception {
        JsonNode json = get("group=line&period=shift&" + RANGE);
        byte[] xlsx = client.get().uri("/api/consumption.xlsx?group=line&period=shift&" + RANGE).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet(ConsumptionWorkbook.SHEET);
            assertNotNull(sheet, "sheet " + ConsumptionWorkbook.SHEET);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            int carrier = header.indexOf("carrier");
            int value = header.indexOf("value");
            int cost = header.indexOf("cost");
            int kgce = header.indexOf("kgce");
            Map<String, double[]> xlsxTotals = new HashMap<>();
            int dataRows = 0;
            boolean chinese = false;
            for (Row row : sheet) {
                if (row.getRowNum() == 0 || row.getCell(0) == null || row.getCell(0).getCellType() != CellType.STRING) {
                    continue;
                }
                chinese |= row.getCell(1) != null && row.getCell(1).getCellType() == CellType.STRING
                        && row.getCell(1).getStringCellValue().contains("焊接线");
                if (row.getCell(0).getStringCellValue().equals(ReportTable.TOTAL)) {
                    xlsxTotals.put(row.getCell(carrier).getStringCellValue(), new double[] {
                        row.getCell(value).getNumericCellValue(), number(row.getCell(cost)), number(row.getCell(kgce))});
                } else if (row.getCell(carrier) != null) {
                    dataRows++;
                }
            }
            assertTrue(chinese, "Chinese names readable in the workbook");
            assertEquals(json.get("rows").size(), dataRows);
            assertEquals(json.get("totals").size(), xlsxTotals.size());
            for (JsonNode t : json.get("totals")) {
                double[] x = xlsxTotals.get(t.get("carrier").asString().toLowerCase(java.util.Locale.ROOT));
                assertNotNull(x, "TOTAL line for " + t.get("carrier"));
                assertEquals(t.get("value").asDouble(), x[0], 0.0, "value, exactly");
                if (!t.get("cost").isNull()) {
                    assertEquals(t.get("cost").asDouble(), x[1], 0.0, "cost, exactly");
                }
                if (!t.get("kgce").isNull()) {
                    assertEquals(t.get("kgce").asDouble(), x[2], 0.0, "kgce, exactly");
                }
            }
            assertNotNull(wb.getSheet(ConsumptionWorkbook.RECONCILIATION_SHEET));
        }
    }

    private static double number(Cell c) {
        return c == null ? Double.NaN : c.getNumericCellValue();
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        String csv = """
                meter,point,time,value
                line1-power,active_energy_import,2026-03-05T08:00:00+08:00,200000.5
                line1-power,active_energy_import,2026-03-05 09:00,200010.5
                nosuch,active_energy_import,2026-03-05T08:00:00+08:00,1
                line1-power,active_power,2026-03-05T08:00:00+08:00,1
                line1-power,active_energy_import,tomorrow,1
                line1-power,active_energy_import,2026-03-05T10:00:00+08:00,NaN
                line1-power,active_energy_import,2026-04-01T00:00:00+08:00,200100
                line1-power,active_energy_import,2026-03-05T08:00:00+08:00,200001
                """;
        JsonNode first = post(csv);
        assertEquals(8, first.get("rows").asInt());
        assertEquals(2, first.get("written").asInt());
        assertEquals(6, first.get("rejected").size());
        List<Integer> lines = new ArrayList<>();
        first.get("rejected").forEach(r -> lines.add(r.get("line").asInt()));
        assertEquals(List.of(4, 5, 6, 7, 8, 9), lines);
        assertTrue(first.get("rejected").get(0).get("reason").asString().contains("unknown point"));
        assertTrue(first.get("rejected").get(4).get("reason").asString().contains("future"));
        long before = day.historian.store().stats().committed();
        JsonNode second = post(csv);
        assertEquals(0, second.get("written").asInt());
        assertEquals(2, second.get("alreadyStored").asInt());
        assertEquals(before, day.historian.store().stats().committed(), "nothing written the second time");
        assertEquals(2, day.historian.reader().range(io.wattline.core.PointId.parse("line1-power.active_energy_import"),
                Instant.parse("2026-03-05T00:00:00Z"), Instant.parse("2026-03-05T02:00:00Z"), 10).size());
    }

    private static JsonNode post(String csv) {
        byte[] body = client.post().uri("/api/readings/import").contentType(new MediaType("text", "csv"))
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }
}
