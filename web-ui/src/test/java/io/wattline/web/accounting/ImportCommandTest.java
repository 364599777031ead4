package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;

/** {@code wattline import}: exit codes, the report with file:line, and a second import writing nothing. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);

    private String stdout = "";

    private int run(StringBuilder output, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock);
        stdout = out.toString(StandardCharsets.UTF_8);
        output.append(stdout).append(err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void importsOnceReportsRejectedLinesAndIsIdempotent() throws Exception {
        Path csv = dir.resolve("readings.csv");
        Files.writeString(csv, """
                meter,point,time,value
                water-main,volume_forward,2026-03-05 08:00,1200.25
                water-main,volume_forward,2026-03-05 09:00,1210.75
                water-main,volume_forward,2026-03-05 10:00,abc
                """);
        String data = dir.resolve("data").toString();
        StringBuilder first = new StringBuilder();
        assertEquals(1, run(first, csv.toString(), "--demo", "--data", data), first.toString());
        assertTrue(first.toString().contains("3 rows, 2 written, 0 already stored, 0 replaced, 1 rejected"),
                first.toString());
        assertTrue(first.toString().contains(csv + ":4: value 'abc' is not a decimal number"), first.toString());
        // standard output is the summary alone, the JSON the HTTP endpoint answers: no log line in it
        JsonNode summary = JSON.readTree(stdout);
        assertEquals(2, summary.get("written").asInt(), stdout);
        assertEquals(4, summary.get("rejected").get(0).get("line").asInt());
        assertEquals(1, stdout.strip().lines().count(), stdout);
        StringBuilder second = new StringBuilder();
        assertEquals(1, run(second, csv.toString(), "--demo", "--data", data));
        assertTrue(second.toString().contains("3 rows, 0 written, 2 already stored, 0 replaced, 1 rejected"),
                second.toString());
    }

    @Test
    void aChangedValueIsRejectedUntilReplacedAndTheReplacementIsAudited() throws Exception {
        Path csv = dir.resolve("readings.csv");
        Files.writeString(csv, "water-main,volume_forward,2026-03-05 08:00,1200.25\n");
        Path changed = dir.resolve("changed.csv");
        Files.writeString(changed, "water-main,volume_forward,2026-03-05 08:00,1200.5\n");
        String data = dir.resolve("data").toString();
        StringBuilder first = new StringBuilder();
        assertEquals(0, run(first, csv.toString(), "--demo", "--data", data), first.toString());
        StringBuilder refused = new StringBuilder();
        assertEquals(1, run(refused, changed.toString(), "--demo", "--data", data));
        assertTrue(refused.toString().contains("already holds water-main.volume_forward at 2026-03-05T00:00:00Z with "
                + "the value 1200.25"), refused.toString());
        assertTrue(refused.toString().contains("this row gives 1200.5"), refused.toString());
        StringBuilder replaced = new StringBuilder();
        assertEquals(0, run(replaced, changed.toString(), "--demo", "--data", data, "--replace"), replaced.toString());
        assertEquals(1, JSON.readTree(stdout).get("replaced").asInt(), stdout);
        // the installation's one audit log (docs/security.md), as JSON lines
        String audit = new io.wattline.web.audit.AuditLog(dir.resolve("data")).read(new io.wattline.web.audit.AuditQuery(
                null, null, null, "readings.", null, 0, 100)).entries().stream()
                .map(e -> "{\"action\":\"" + e.action() + "\",\"actor\":\"" + e.actor() + "\",\"detail\":\""
                        + e.detail() + "\",\"target\":\"" + e.target() + "\"}").reduce("", String::concat);
        assertTrue(audit.contains("\"action\":\"readings.replace\""), audit);
        assertTrue(audit.contains("1200.25 -> 1200.5"), audit);
        assertTrue(audit.contains("\"actor\":\"" + System.getProperty("user.name") + "\""), audit);
        StringBuilder again = new StringBuilder();
        assertEquals(0, run(again, changed.toString(), "--demo", "--data", data), again.toString());
        assertTrue(again.toString().contains("1 rows, 0 written, 1 already stored"), again.toString());
    }

    @Test
    void badCommandLinesExitTwoWithTheUsage() {
        StringBuilder out = new StringBuilder();
        assertEquals(2, run(out, "--demo"));
        assertTrue(out.toString().contains("no CSV file given"), out.toString());
        assertTrue(out.toString().contains(ImportCommand.USAGE));
        StringBuilder both = new StringBuilder();
        assertEquals(2, run(both, "x.csv", "--demo", "--config", "p.yaml"));
        assertTrue(both.toString().contains("exactly one of"), both.toString());
        StringBuilder missing = new StringBuilder();
        assertEquals(2, run(missing, dir.resolve("nope.csv").toString(), "--demo", "--data", dir.toString()));
        assertTrue(missing.toString().contains("cannot read"), missing.toString());
    }

    /** Issue 14/19: a full data volume stops the import with the reason, what was written and what to do; exit 3. */
    @org.junit.jupiter.api.Tag("integration")
    @Test
    void aFullDataVolumeStopsTheImportSayingWhatToDo() throws Exception {
        try (io.wattline.historian.support.SmallVolume volume = io.wattline.historian.support.SmallVolume.mount(
                dir.resolve("vol"), 64)) {
            String data = volume.path().resolve("data").toString();
            Path first = dir.resolve("first.csv");
            Files.writeString(first, "water-main,volume_forward,2026-03-05 08:00,1200.25\n");
            StringBuilder created = new StringBuilder();
            assertEquals(0, run(created, first.toString(), "--demo", "--data", data), created.toString());
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                rows.append("water-main,volume_forward,2026-03-06T").append(String.format("%02d:%02d", i / 60 % 24, i % 60))
                        .append(":00Z,").append(1300 + i).append('\n');
            }
            Path more = dir.resolve("more.csv");
            Files.writeString(more, rows);
            volume.fillWithBallast();
            StringBuilder held = new StringBuilder();
            int code = run(held, more.toString(), "--demo", "--data", data);
            assertEquals(ImportCommand.EXIT_WRITES_HELD, code, held.toString());
            assertTrue(held.toString().contains("import the file again"), held.toString());
            assertTrue(held.toString().contains("数据盘空间不足"), held.toString());
            assertEquals("", stdout, "no summary on standard output for a stopped import");
        }
    }
}
