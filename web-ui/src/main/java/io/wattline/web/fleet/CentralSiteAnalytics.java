package io.wattline.web.fleet;

import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.SharedReports;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.core.plant.Plant;
import io.wattline.historian.SeriesReader;
import io.wattline.reports.ReportService;
import io.wattline.reports.delivery.ReportAudit;
import io.wattline.reports.archive.ReportArchive;
import io.wattline.reports.bills.BillRegister;
import io.wattline.reports.build.ReportContext;
import io.wattline.web.accounting.SiteAnalytics;
import io.wattline.web.reports.SiteReports;
import io.wattline.web.api.InvalidParameterException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A central node's accounting and KPIs for every site of the group: the same analytics as on the
 * edge ({@link AccountingService}, {@link LineKpis}) over each site's history in InfluxDB
 * ({@link SiteHistory#reader}, the site tag from the group file), each with its own plant model
 * ({@link SitePlants}: the site's plant file named in the group file, or the central's own plant).
 * Production counts, bills and report archives at the central are kept per site in its data directory.
 */
public final class CentralSiteAnalytics implements SiteAnalytics, SiteReports {

    /** One site's services, built on first use. */
    private record Site(AccountingService accounting, SharedReports reports, LineKpis kpis, ReportService service,
            BillRegister bills) {
    }

    private final FleetGroup group;
    private final SitePlants plants;
    private final SiteHistory history;
    private final EnergyFactors factors;
    private final Path dataDir;
    private final Clock clock;
    private final ReportAudit audit;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();

    public CentralSiteAnalytics(FleetGroup group, SitePlants plants, SiteHistory history, EnergyFactors factors,
            Path dataDir, Clock clock, ReportAudit audit) {
        this.group = group;
        this.plants = plants;
        this.history = history;
        this.factors = factors;
        this.dataDir = dataDir;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public SharedReports reports(String site) {
        return site(site).reports();
    }

    /** {@code site}'s report definitions run over its history; archive under {@code DATA/sites/<site>/reports}. */
    @Override
    public ReportService reportService(String site) {
        return site(site).service();
    }

    @Override
    public BillRegister bills(String site) {
        return site(site).bills();
    }

    @Override
    public LineKpis kpis(String site) {
        return site(site).kpis();
    }

    @Override
    public Plant plant(String site) {
        site(site);
        return plants.site(site).orElseThrow().plant();
    }

    /** The group's site ids, in the group file's order. */
    public List<String> siteIds() {
        return group.sites().stream().map(FleetGroup.Site::id).toList();
    }

    /** Where the central keeps {@code site}'s reports, bills and production counts: {@code DATA/sites/<site>}. */
    public Path siteDir(String site) {
        site(site);
        return dir(site);
    }

    private Path dir(String site) {
        return dataDir.resolve("sites").resolve(site);
    }

    /** The site's accounting service (reports, Sankey). */
    public AccountingService accounting(String site) {
        return site(site).accounting();
    }

    private Site site(String id) {
        List<String> ids = group.sites().stream().map(FleetGroup.Site::id).toList();
        if (id == null || id.isBlank() || !ids.contains(id)) {
            throw new InvalidParameterException("site", "one of the group's sites " + ids
                    + " (a central node reports each site on its own)", id);
        }
        return sites.computeIfAbsent(id, this::build);
    }

    private Site build(String id) {
        SitePlants.SitePlant model = plants.site(id).orElseThrow();
        io.wattline.core.catalogue.PointCatalogue catalogue = model.catalogue();
        io.wattline.core.tariff.TouTariff tariff = model.tariff();
        SeriesReader reader = history.reader(id, catalogue.all().stream().map(CataloguedPoint::id).toList());
        AccountingService accounting = AccountingService.of(catalogue, reader, tariff, factors);
        // nothing to watch for changes in InfluxDB: identical requests in flight share one computation
        SharedReports reports = SharedReports.inFlightOnly(accounting::report, clock);
        Path siteDir = dir(id);
        ProductionLog log = new ProductionLog(siteDir.resolve(ProductionLog.FILE_NAME), catalogue.plant().zone());
        LineKpis kpis = new LineKpis(catalogue, accounting, reader, log);
        BillRegister bills = new BillRegister(siteDir.resolve(BillRegister.FILE_NAME));
        ReportContext context = new ReportContext(catalogue.plant(), accounting, kpis, reader, tariff, bills);
        ReportService service = new ReportService(context, new ReportArchive(siteDir), audit, clock,
                io.wattline.core.secrets.Secrets.of(dataDir), id);
        return new Site(accounting, reports, kpis, service, bills);
    }
}
