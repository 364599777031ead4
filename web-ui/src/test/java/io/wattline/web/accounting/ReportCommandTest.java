package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.LaunchArguments;
import io.wattline.web.reports.ReportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wattline report NAME --period P (--config FILE | --demo) [--data DIR]} over a simulated demo
 * day in the store the server would use: the report is archived under DIR/reports with an index line,
 * and bad command lines, unknown reports and periods exit with their codes and reasons.
 */
class ReportCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDailyReportOfAPastDayIsArchivedFromTheCommandLine(@TempDir Path data) throws Exception {
        DemoDay.simulate(data).historian.close();
        Outcome made = run("daily", "--period", "2026-03-02", "--demo", "--data", data.toString());
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().startsWith("daily for 2026-03-02: archived as "), made.out());
        assertTrue(made.out().contains("daily-2026-03-02.pdf"), made.out());
        String index = Files.readString(data.resolve("reports").resolve("index.jsonl"));
        assertTrue(index.contains("\"trigger\":\"command\""), index);
        var audited = new io.wattline.web.audit.AuditLog(data).read(new io.wattline.web.audit.AuditQuery(null, null, null,
                "report.run", null, 0, 10)).entries();
        assertEquals(1, audited.size(), "the run is in the installation's audit log: " + audited);
        assertEquals("console", audited.get(0).address());

        Outcome unknown = run("weekly", "--period", "2026-03", "--demo", "--data", data.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("unknown report 'weekly' (configured: shift-summary, daily,"), unknown.err());
        Outcome badPeriod = run("monthly-cost", "--period", "2026-03-02", "--demo", "--data", data.toString());
        assertEquals(1, badPeriod.code());
        assertTrue(badPeriod.err().contains("a month YYYY-MM"), badPeriod.err());
    }

    @Test
    void aBadCommandLineSaysWhatIsMissing() throws Exception {
        Outcome noPeriod = run("daily", "--demo");
        assertEquals(2, noPeriod.code());
        assertTrue(noPeriod.err().contains("no --period given") && noPeriod.err().contains(ReportCommand.USAGE));
        assertEquals(2, run("daily", "--period", "2026-03-02").code(), "neither --config nor --demo");
        assertEquals(LaunchArguments.Command.REPORT, LaunchArguments.parse("report", "daily").command());
    }
}
