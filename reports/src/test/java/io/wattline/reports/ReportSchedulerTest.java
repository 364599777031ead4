package io.wattline.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.ReportScope;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.report.ReportType;
import io.wattline.reports.archive.ArchivedRun;
import io.wattline.reports.schedule.ReportScheduler;
import io.wattline.reports.schedule.ScheduleMarkers;
import io.wattline.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules: a run missed while the application was stopped across its trigger time is made when it
 * is back (catch-up from the persisted marker, a controllable clock), and Quartz fires a live cron.
 */
class ReportSchedulerTest {

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

    private static ReportSettings only(ReportDefinition def) {
        return new ReportSettings(List.of(def), Optional.empty());
    }

    private static ReportDefinition monthly() {
        return new ReportDefinition("monthly", "Monthly 月度", ReportType.MONTHLY_COST, ReportScope.SITE, "0 0 1 1 * ?",
                List.of(ReportFormat.XLSX), "zh-CN", List.of(), null, 1.0, null, 3);
    }

    @Test
    void aMonthlyRunMissedWhileStoppedRunsWhenTheApplicationIsBack(@TempDir Path state) throws Exception {
        Path markers = state.resolve(ScheduleMarkers.FILE_NAME);
        MutableClock clock = new MutableClock(FixtureMonth.local("2026-02-20T10:00"));
        ReportService service = month.service(clock, (a, b, c, d) -> { }, name -> null, only(monthly()));
        try (ReportScheduler first = new ReportScheduler(service, new ScheduleMarkers(markers), clock)) {
            first.start();
            assertEquals(List.of(), first.caughtUp().get(60, TimeUnit.SECONDS), "a new schedule does not report the past");
        }
        // stopped from Feb 20 to Mar 2: the trigger at 01:00 on Mar 1 (plant time) passes while nothing runs
        clock.set(FixtureMonth.local("2026-03-02T09:00"));
        try (ReportScheduler second = new ReportScheduler(service, new ScheduleMarkers(markers), clock)) {
            second.start();
            List<String> runs = second.caughtUp().get(120, TimeUnit.SECONDS);
            assertEquals(1, runs.size(), "the one missed fire: " + runs);
            ArchivedRun run = month.archive.run(runs.get(0)).orElseThrow();
            assertEquals("2026-02", run.period(), "01:00 on the 1st reports the month before");
            assertEquals("catch_up", run.trigger());
            assertEquals("scheduler", run.generatedBy());
            assertEquals(Instant.parse("2026-03-02T01:00:00Z"), run.generatedAt());
        }
        try (ReportScheduler third = new ReportScheduler(service, new ScheduleMarkers(markers), clock)) {
            third.start();
            assertEquals(List.of(), third.caughtUp().get(60, TimeUnit.SECONDS), "a caught-up fire never runs twice");
        }
    }

    @Test
    void quartzFiresTheCronAndTheRunIsArchivedAndAudited(@TempDir Path state) throws Exception {
        CompletableFuture<String> fired = new CompletableFuture<>();
        ReportDefinition everySecond = new ReportDefinition("live", "Readings", ReportType.METER_READINGS,
                ReportScope.SITE, "* * * * * ?", List.of(ReportFormat.CSV), "en", List.of(), null, 1.0, null, 3);
        ReportService service = month.service(Clock.systemUTC(), (actor, action, target, detail) -> {
            if (action.equals("report.run")) {
                fired.complete(actor + " " + target);
            }
        }, name -> null, only(everySecond));
        ScheduleMarkers markers = new ScheduleMarkers(state.resolve(ScheduleMarkers.FILE_NAME));
        try (ReportScheduler scheduler = new ReportScheduler(service, markers, Clock.systemUTC())) {
            scheduler.start();
            String what = fired.get(60, TimeUnit.SECONDS);
            assertTrue(what.startsWith("scheduler "), what);
        }
        assertTrue(markers.last("live").isPresent(), "the fire is remembered for catch-up");
        assertTrue(month.archive.runs().stream().anyMatch(r -> r.definition().equals("live")
                && r.trigger().equals("scheduled")));
    }

    @Test
    void aDefinitionNamingItsSiteRunsOnlyInThatSitesScheduler(@TempDir Path state) throws Exception {
        ReportDefinition forB = new ReportDefinition("monthly-b", "Monthly of site b", ReportType.MONTHLY_COST,
                ReportScope.SITE, "0 0 1 1 * ?", List.of(ReportFormat.XLSX), "en", List.of(), null, 1.0, null, 3,
                "site-b");
        ReportSettings both = new ReportSettings(List.of(monthly(), forB), Optional.empty());
        MutableClock clock = new MutableClock(FixtureMonth.local("2026-02-20T10:00"));
        ReportService siteA = month.service(clock, (a, b, c, d) -> { }, name -> null, both, "site-a");
        ReportService siteB = month.service(clock, (a, b, c, d) -> { }, name -> null, both, "site-b");
        assertEquals(List.of("monthly"), siteA.definitions().stream().map(ReportDefinition::id).toList(),
                "site a neither lists nor schedules site b's report");
        assertEquals(List.of("monthly", "monthly-b"), siteB.definitions().stream().map(ReportDefinition::id).toList());
        assertThrows(UnknownReportException.class, () -> siteA.run("monthly-b", "2026-01", "admin",
                ReportService.Trigger.ON_DEMAND), "nor runs it on demand");
        assertEquals("monthly-b", siteB.definition("monthly-b").id());

        Path markers = state.resolve(ScheduleMarkers.FILE_NAME);
        try (ReportScheduler first = new ReportScheduler(siteA, new ScheduleMarkers(markers), clock)) {
            first.start();
            assertEquals(List.of(), first.caughtUp().get(60, TimeUnit.SECONDS));
        }
        clock.set(FixtureMonth.local("2026-03-02T09:00"));
        try (ReportScheduler second = new ReportScheduler(siteA, new ScheduleMarkers(markers), clock)) {
            second.start();
            List<String> runs = second.caughtUp().get(120, TimeUnit.SECONDS);
            assertEquals(1, runs.size(), "only the report for every site is caught up at site a: " + runs);
            assertEquals("monthly", month.archive.run(runs.get(0)).orElseThrow().definition());
        }
    }
}
