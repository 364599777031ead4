package io.wattline.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wattline.reports.archive.ArchivedRun;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month reported while it is still running (made on Feb 20 at 12:00, plant time): the days that have
 * not begun are blank, never 0. (The fixture holds readings for the whole month; what decides is the
 * time the report is made.)
 */
class FuturePeriodsTest {

    @TempDir
    static Path data;

    private static FixtureMonth month;

    @BeforeAll
    static void open() throws Exception {
        month = FixtureMonth.open(data);
    }

    @AfterAll
    static void close() {
        month.close();
    }

    @Test
    void daysNotYetBegunAreBlank() throws Exception {
        Clock noonOfThe20th = Clock.fixed(FixtureMonth.local("2026-02-20T12:00"), ZoneOffset.UTC);
        ArchivedRun run = month.service(noonOfThe20th).run("monthly", "2026-02", "finance",
                ReportService.Trigger.ON_DEMAND);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(
                month.archive.file(run.id(), "monthly-2026-02.xlsx").orElseThrow())))) {
            List<Map<String, Object>> daily = XlsxSheets.rows(wb.getSheet("每日"), "厂区");
            Map<String, Object> past = XlsxSheets.row(daily, "Works 厂区", "2026-02-19");
            assertEquals(2_400.0, past.get("用量"));
            Map<String, Object> future = null;
            for (Map<String, Object> r : daily) {
                if ("2026-02-25".equals(r.get("期间")) && "电".equals(r.get("能源"))) {
                    future = r;
                }
            }
            assertNull(future.get("用量"), "a day not begun is blank");
            assertNull(future.get("费用（CNY）"));
        }
    }
}
