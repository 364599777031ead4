package io.wattline.web.fleet;

import io.wattline.reports.archive.ReportArchive;
import io.wattline.reports.schedule.ReportScheduler;
import io.wattline.reports.schedule.ScheduleMarkers;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A central node's scheduled reports: one {@link ReportScheduler} per site of the group, each
 * running that site's report definitions (from the site's plant file, or the central's) on their
 * schedules in the site's time zone over the site's history, archived under
 * {@code DATA/sites/<site>/reports/} with its own schedule markers, so missed fires are caught up per site.
 */
public final class SiteReportSchedulers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SiteReportSchedulers.class);

    private final Map<String, ReportScheduler> schedulers = new LinkedHashMap<>();

    public SiteReportSchedulers(CentralSiteAnalytics sites, Clock clock) {
        for (String site : sites.siteIds()) {
            ScheduleMarkers markers = new ScheduleMarkers(sites.siteDir(site).resolve(ReportArchive.FOLDER)
                    .resolve(ScheduleMarkers.FILE_NAME));
            schedulers.put(site, new ReportScheduler(sites.reportService(site), markers, clock));
        }
    }

    /** Starts every site's scheduler; one that cannot start is logged and the others still run. */
    public void start() {
        schedulers.forEach((site, s) -> {
            try {
                s.start();
            } catch (RuntimeException e) {
                log.error("the report scheduler of site {} did not start: {} (厂区 {} 的报表计划未能启动)", site,
                        e.getMessage(), site, e);
            }
        });
    }

    /** The scheduler of each site, by site id. */
    public Map<String, ReportScheduler> bySite() {
        return Map.copyOf(schedulers);
    }

    @Override
    public void close() {
        schedulers.values().forEach(ReportScheduler::close);
    }
}
