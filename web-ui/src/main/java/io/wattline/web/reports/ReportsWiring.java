package io.wattline.web.reports;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.service.AccountingService;
import io.wattline.historian.Historian;
import io.wattline.reports.ReportService;
import io.wattline.reports.archive.ReportArchive;
import io.wattline.reports.bills.BillRegister;
import io.wattline.reports.build.ReportContext;
import io.wattline.reports.delivery.ReportAudit;
import io.wattline.reports.schedule.ReportScheduler;
import io.wattline.reports.schedule.ScheduleMarkers;
import io.wattline.web.RunningPlant;
import io.wattline.web.WattlineProperties;
import io.wattline.web.accounting.AccountingWiring;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires finance reports: the service over the accounting (same tariff, same figures as
 * {@code /api/consumption}), the archive under {@code <data-dir>/reports}, the utility bills, the
 * runs and deliveries recorded in the application's audit log (through the {@link ReportAudit} port,
 * see {@code AuditWiring}), and the scheduler with catch-up
 * ({@code wattline.reports.scheduler.enabled}, default true).
 */
@Configuration(proxyBeanMethods = false)
public class ReportsWiring {

    @Bean
    public BillRegister billRegister(WattlineProperties properties) {
        return new BillRegister(properties.dataDir().resolve(BillRegister.FILE_NAME));
    }

    /**
     * This node's reports; on an edge only the definitions that name no site or the edge's own site
     * in the group file ({@code site: site-b}), as a central runs them for that site.
     */
    @Bean
    public ReportService reportService(RunningPlant plant, AccountingService accounting, LineKpis kpis,
            Historian historian, BillRegister bills, ReportAudit audit, WattlineProperties properties, Clock clock,
            @Value("${wattline.accounting.tariff:}") String tariffSetting, io.wattline.web.fleet.FleetProperties fleet,
            org.springframework.beans.factory.ObjectProvider<io.wattline.core.fleet.FleetGroup> group) {
        String edgeSite = io.wattline.web.fleet.FleetWiring.edgeSite(fleet, group.getIfAvailable(), plant.plant())
                .orElse(null);
        return create(plant, accounting, kpis, historian, bills, audit, properties.dataDir(), clock, tariffSetting,
                edgeSite);
    }

    /** A node that collects reports its own plant (a central node has {@code CentralSiteAnalytics}' instead). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            io.wattline.web.fleet.FleetProperties.COLLECTS)
    public SiteReports localSiteReports(ReportService reports, BillRegister bills,
            io.wattline.web.accounting.LocalSiteAnalytics analytics) {
        return new SiteReports.Local(reports, bills, analytics.sites());
    }

    /** The service without Spring (the report command uses the same wiring). */
    public static ReportService create(RunningPlant plant, AccountingService accounting, LineKpis kpis,
            Historian historian, BillRegister bills, ReportAudit audit, Path dataDir, Clock clock, String tariffSetting) {
        return create(plant, accounting, kpis, historian, bills, audit, dataDir, clock, tariffSetting, null);
    }

    /** As above, {@code site} (nullable) the only site whose definitions are offered besides those naming none. */
    public static ReportService create(RunningPlant plant, AccountingService accounting, LineKpis kpis,
            Historian historian, BillRegister bills, ReportAudit audit, Path dataDir, Clock clock, String tariffSetting,
            String site) {
        ReportContext context = new ReportContext(plant.plant(), accounting, kpis, historian.reader(),
                AccountingWiring.tariff(plant.plant(), tariffSetting), bills);
        return new ReportService(context, new ReportArchive(dataDir), audit, clock,
                io.wattline.core.secrets.Secrets.of(dataDir), site);
    }

    /**
     * Started by {@code DeviceStartup} once the web server serves (Quartz and the catch-up are not
     * needed for the first page) unless {@code wattline.reports.scheduler.enabled=false}; closed with the context.
     * A central node schedules each site's reports instead ({@code SiteReportSchedulers}).
     */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            io.wattline.web.fleet.FleetProperties.COLLECTS)
    public ReportScheduler reportScheduler(ReportService service, WattlineProperties properties, Clock clock) {
        return new ReportScheduler(service, new ScheduleMarkers(properties.dataDir()
                .resolve(ReportArchive.FOLDER).resolve(ScheduleMarkers.FILE_NAME)), clock);
    }
}
