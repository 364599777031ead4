package io.wattline.reports.schedule;

import io.wattline.core.report.ReportDefinition;
import io.wattline.reports.ReportService;
import io.wattline.reports.period.ReportPeriod;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured reports on their Quartz cron schedules in the plant's time zone, each fire for
 * the latest whole period that ended by its fire time. Fire times missed while the application was
 * down are run on start (catch-up, oldest first) from the persisted {@link ScheduleMarkers}: Quartz's
 * in-memory store forgets its triggers at shutdown, so its own misfire handling only covers a busy
 * scheduler, not a stopped one. The first start of a schedule runs nothing retroactively.
 */
public final class ReportScheduler implements AutoCloseable {

    /** At most this many missed fires of one report are caught up; older ones are logged and skipped. */
    static final int MAX_CATCH_UP = 100;
    static final String ACTOR = "scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
    private static final String SERVICE_KEY = "wattline.reports.scheduler";

    private final ReportService service;
    private final ScheduleMarkers markers;
    private final Clock clock;
    private final TimeZone zone;
    private Scheduler quartz;
    private volatile boolean closed;
    private final CompletableFuture<List<String>> caughtUp = new CompletableFuture<>();

    public ReportScheduler(ReportService service, ScheduleMarkers markers, Clock clock) {
        this.service = service;
        this.markers = markers;
        this.clock = clock;
        this.zone = TimeZone.getTimeZone(service.context().plant().zone());
    }

    /** Catches up missed fires (on its own thread) and starts the Quartz triggers; nothing once closed. */
    public synchronized void start() {
        if (closed || quartz != null) {
            return;
        }
        try {
            Properties p = new Properties();
            p.put("org.quartz.scheduler.instanceName", "wattline-reports-" + UUID.randomUUID());
            p.put("org.quartz.threadPool.threadCount", "1");
            p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            p.put("org.quartz.scheduler.skipUpdateCheck", "true");
            // never keep the JVM alive on their own: the application's shutdown closes the scheduler
            p.put("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
            p.put("org.quartz.threadPool.makeThreadsDaemons", "true");
            quartz = new StdSchedulerFactory(p).getScheduler();
            quartz.getContext().put(SERVICE_KEY, this);
            for (ReportDefinition def : service.definitions()) {
                if (def.schedule() == null) {
                    continue;
                }
                quartz.scheduleJob(JobBuilder.newJob(FireJob.class).withIdentity(def.id()).usingJobData("report", def.id())
                        .build(), TriggerBuilder.newTrigger().withIdentity(def.id()).withSchedule(CronScheduleBuilder
                        .cronSchedule(def.schedule()).inTimeZone(zone).withMisfireHandlingInstructionFireAndProceed())
                        .build());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("the report scheduler cannot start: " + e.getMessage(), e);
        }
        Thread t = new Thread(() -> {
            try {
                caughtUp.complete(catchUp(clock.instant()));
                quartz.start();
            } catch (RuntimeException | SchedulerException e) {
                if (closed) { // closed while catching up (the application stops): nothing is lost, say so quietly
                    LOG.info("report scheduler closed during catch-up; missed runs are caught up at the next start");
                    caughtUp.completeExceptionally(e);
                    return;
                }
                LOG.error("report catch-up failed; scheduled reports do not run until restart: {}", e.getMessage(), e);
                caughtUp.completeExceptionally(e);
            }
        }, "report-catch-up");
        t.setDaemon(true);
        t.start();
    }

    /** Completes with the ids of the runs made by catch-up, once catch-up is over and the triggers run. */
    public CompletableFuture<List<String>> caughtUp() {
        return caughtUp;
    }

    /** Runs every fire time in (last marker, now] of every scheduled report; returns the run ids. */
    List<String> catchUp(Instant now) {
        List<String> runs = new ArrayList<>();
        for (ReportDefinition def : service.definitions()) {
            if (def.schedule() == null) {
                continue;
            }
            var last = markers.last(def.id());
            if (last.isEmpty()) {
                markers.record(def.id(), now); // a new schedule starts now, it does not report the past
                continue;
            }
            List<Instant> missed = fireTimes(def.schedule(), last.get(), now);
            if (missed.size() > MAX_CATCH_UP) {
                LOG.warn("report {} missed {} runs while Wattline was down; running the last {}", def.id(), missed.size(),
                        MAX_CATCH_UP);
                missed = missed.subList(missed.size() - MAX_CATCH_UP, missed.size());
            }
            for (Instant fire : missed) {
                runs.add(fire(def, fire, ReportService.Trigger.CATCH_UP));
            }
        }
        return runs;
    }

    /** Fire times of {@code cron} in the plant's zone in (after, until]. */
    List<Instant> fireTimes(String cron, Instant after, Instant until) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule '" + cron + "' is not a Quartz cron expression: " + e.getMessage(), e);
        }
        expression.setTimeZone(zone);
        List<Instant> out = new ArrayList<>();
        Date next = expression.getNextValidTimeAfter(Date.from(after));
        while (next != null && !next.toInstant().isAfter(until)) {
            out.add(next.toInstant());
            next = expression.getNextValidTimeAfter(next);
        }
        return out;
    }

    private String fire(ReportDefinition def, Instant fireTime, ReportService.Trigger trigger) {
        ReportPeriod period = service.periods().endedBy(def.type().periodKind(), fireTime);
        String id = service.run(def, period, ACTOR, trigger).id();
        markers.record(def.id(), fireTime);
        return id;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (quartz != null) {
            try {
                quartz.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warn("the report scheduler did not shut down cleanly: {}", e.getMessage());
            }
        }
    }

    /** The Quartz job: runs the report its trigger names for the trigger's scheduled fire time. */
    @DisallowConcurrentExecution
    public static final class FireJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                ReportScheduler s = (ReportScheduler) context.getScheduler().getContext().get(SERVICE_KEY);
                String id = context.getMergedJobDataMap().getString("report");
                s.fire(s.service.definition(id), context.getScheduledFireTime().toInstant(),
                        ReportService.Trigger.SCHEDULED);
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("scheduled report {} failed: {}", context.getJobDetail().getKey().getName(), e.getMessage(), e);
                throw new JobExecutionException(e);
            }
        }
    }
}
