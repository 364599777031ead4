package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.wattline.web.accounting.ConsumptionWorkbook;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every page of the web UI in a real headless Chromium against one running demo (issue 12): the
 * overview's tiles equal the API's figures, a day's trend draws from the 15-minute rollup, the
 * Sankey's line flows equal {@code /api/consumption}, the consumption page's XLSX opens and its
 * total equals the page's, the devices page has a card per device, the big screen has no chrome,
 * Chinese labels after switching, no horizontal scroll at 390×844, and Offline within 5 s of
 * stopping the server, Live again after a restart. Screenshots in {@code target/screenshots/}.
 */
@Tag("integration")
@Timeout(600)
class UiPagesBrowserTest {

    private static final Pattern XLSX_LINE = Pattern.compile("XLSX (\\S+) PAGE-TOTAL-KWH (\\S+)");

    @TempDir
    Path data;

    @Test
    void everyPageShowsTheApiFiguresAndSaysWhenItIsOffline() throws Exception {
        Path chromium = BrowserSupport.prepare();
        Path downloads = Files.createDirectories(BrowserSupport.WORK.resolve("downloads"));
        int port = freePort();
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", Integer.toString(port), "--data", data.toString(),
                "--opcua-port", "0");
        ConfigurableApplicationContext app = WattlineMain.start(demo);
        StringBuilder output = new StringBuilder();
        String xlsx = null;
        String pageTotal = null;
        try {
            ProcessBuilder node = new ProcessBuilder("node", BrowserSupport.WORK.resolve("ui-pages.js").toString(),
                    "http://127.0.0.1:" + port, BrowserSupport.SCREENSHOTS.toString(), downloads.toString())
                    .redirectErrorStream(true);
            node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
            Process p = node.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    Writer toNode = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(line);
                    output.append(line).append('\n');
                    Matcher m = XLSX_LINE.matcher(line);
                    if (m.find()) {
                        xlsx = m.group(1);
                        pageTotal = m.group(2);
                    }
                    if (line.equals("STOP-SERVER")) {
                        app.close();
                        toNode.write("STOPPED\n");
                        toNode.flush();
                    } else if (line.equals("START-SERVER")) {
                        app = WattlineMain.start(demo);
                        toNode.write("STARTED\n");
                        toNode.flush();
                    }
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the browser checks did not finish");
            }
            assertEquals(0, p.exitValue(), "browser checks failed (screenshots in " + BrowserSupport.SCREENSHOTS
                    + "):\n" + output);
        } finally {
            app.close();
        }
        assertNotNull(xlsx, "the consumption page's XLSX was downloaded:\n" + output);
        assertEquals(Double.parseDouble(pageTotal), electricityTotal(Path.of(xlsx)), 1e-6,
                "the XLSX's electricity total equals the consumption page's");
    }

    /** The electricity TOTAL line's value (kWh) on the workbook's consumption sheet (columns as the CSV's). */
    private static double electricityTotal(Path file) throws Exception {
        try (Workbook book = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet sheet = book.getSheet(ConsumptionWorkbook.SHEET);
            for (Row row : sheet) {
                Cell first = row.getCell(0);
                Cell carrier = row.getCell(6);
                if (first != null && first.getCellType() == CellType.STRING && "TOTAL".equals(first.getStringCellValue())
                        && carrier != null && "electricity".equals(carrier.getStringCellValue())) {
                    return row.getCell(8).getNumericCellValue();
                }
            }
        }
        throw new AssertionError("no electricity TOTAL line in " + file);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
