package io.wattline.reports;

import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.service.AccountingService;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.reports.archive.ReportArchive;
import io.wattline.reports.bills.BillRegister;
import io.wattline.reports.build.ReportContext;
import io.wattline.core.report.ReportSettings;
import io.wattline.reports.delivery.AuditLogFile;
import io.wattline.reports.delivery.ReportAudit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hand-computed month (fixture/plant.yaml) in a real DuckDB historian: February 2026 read every
 * 15 minutes, loads constant so every figure is arithmetic. h = hours since 2026-02-01 00:00 local:
 * main 10 000 + 100 h kWh (no readings in (Feb 15 06:00, 18:00): a 12-hour gap), its reactive
 * counter 5 000 + 32.8 h kvarh (cos φ = 100 / √(100² + 32.8²) = 0.9502 → 0.95); sub-a 5 000 + 60 h
 * until it is replaced at Feb 10 12:00 (h = 228, old final 18 680), then 60 (h − 228) on the new meter;
 * sub-b (99 995 000 + 30 h) mod 100 000 000, so it rolls over at h = 166.7; water 1 000 + 2 h m³.
 */
final class FixtureMonth implements AutoCloseable {

    static final Instant START = local("2026-02-01T00:00");
    static final Instant END = local("2026-03-01T00:00");
    static final Instant GAP_FROM = local("2026-02-15T06:00");
    static final Instant GAP_TO = local("2026-02-15T18:00");
    static final double REPLACED_AT_H = 228;

    final Plant plant;
    final Historian historian;
    final AccountingService accounting;
    final ReportContext context;
    final BillRegister bills;
    final ReportArchive archive;
    final Path audit;

    private FixtureMonth(Path data) throws Exception {
        this(data, START.minus(Duration.ofHours(1)), h -> 30 * h);
    }

    /**
     * @param first the first reading (the standard month starts an hour before February)
     * @param subBEnergy sub-b's energy since Feb 1 00:00 (kWh, negative before) at h hours; main draws
     *     sub-a + sub-b + 10 kW of loss
     */
    private FixtureMonth(Path data, Instant first, java.util.function.DoubleUnaryOperator subBEnergy) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        plant = PlantConfigLoader.withBuiltInProfiles().loadResource("fixture/plant.yaml");
        historian = Historian.open(data.resolve("store"), HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty());
        for (Instant t = first; !t.isAfter(END.plus(Duration.ofHours(1)));
                t = t.plus(Duration.ofMinutes(15))) {
            double h = Duration.between(START, t).toMinutes() / 60.0;
            if (!(t.isAfter(GAP_FROM) && t.isBefore(GAP_TO))) {
                write(new PointId("main", "active_energy_import"), t, 10_000 + 70 * h + subBEnergy.applyAsDouble(h));
                write(new PointId("main", "reactive_energy_import"), t, 5_000 + 32.8 * h);
            }
            write(new PointId("sub-a", "active_energy_import"), t, h < REPLACED_AT_H ? 5_000 + 60 * h
                    : 60 * (h - REPLACED_AT_H));
            write(new PointId("sub-b", "active_energy_import"), t,
                    (99_995_000 + subBEnergy.applyAsDouble(h)) % 100_000_000);
            write(new PointId("water", "volume_forward"), t, 1_000 + 2 * h);
        }
        historian.writer().flush();
        historian.rollUpNow();
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        accounting = AccountingService.of(catalogue, historian.reader(), plant.tariff().orElseThrow(),
                EnergyFactors.gbt2589Defaults());
        bills = new BillRegister(data.resolve(BillRegister.FILE_NAME));
        context = new ReportContext(plant, accounting, null, historian.reader(), plant.tariff().orElseThrow(), bills);
        archive = new ReportArchive(data);
        audit = data.resolve("audit.jsonl");
    }

    static FixtureMonth open(Path data) throws Exception {
        return new FixtureMonth(data);
    }

    /** The same plant read from {@code first} on, sub-b drawing {@code subBEnergy} (main follows). */
    static FixtureMonth open(Path data, Instant first, java.util.function.DoubleUnaryOperator subBEnergy)
            throws Exception {
        return new FixtureMonth(data, first, subBEnergy);
    }

    /** A service whose context has line KPIs over {@code log} (production entered by hand). */
    ReportService service(Clock clock, io.wattline.analytics.kpi.ProductionLog log, ReportSettings reports) {
        PointCatalogue catalogue = PointCatalogues.build(plant, ProfileCatalog.builtIn()::find,
                OpcUaProfileLoader.builtIn()::find);
        io.wattline.analytics.kpi.LineKpis kpis = new io.wattline.analytics.kpi.LineKpis(catalogue, accounting,
                historian.reader(), log);
        Plant p = new Plant(plant.name(), plant.zone(), plant.sites(), plant.areas(), plant.lines(), plant.equipment(),
                plant.costCentres(), plant.connections(), plant.meters(), plant.shiftCalendar(), plant.tariff(),
                plant.meterEvents(), plant.virtualMeters(), plant.notification(), reports);
        return new ReportService(new ReportContext(p, accounting, kpis, historian.reader(), context.tariff(), bills),
                archive, (a, b, c, d) -> { }, clock, name -> null);
    }

    ReportService service(Clock clock, Function<String, String> environment) {
        return new ReportService(context, archive, new AuditLogFile(audit, clock), clock, environment);
    }

    /** A service over the same data whose plant has only {@code definitions} (and {@code smtp}). */
    ReportService service(Clock clock, ReportAudit audit, Function<String, String> environment,
            ReportSettings reports) {
        return service(clock, audit, environment, reports, null);
    }

    /** As above, as one site's service at a central node ({@code site}: only its definitions). */
    ReportService service(Clock clock, ReportAudit audit, Function<String, String> environment,
            ReportSettings reports, String site) {
        Plant p = new Plant(plant.name(), plant.zone(), plant.sites(), plant.areas(), plant.lines(), plant.equipment(),
                plant.costCentres(), plant.connections(), plant.meters(), plant.shiftCalendar(), plant.tariff(),
                plant.meterEvents(), plant.virtualMeters(), plant.notification(), reports);
        return new ReportService(new ReportContext(p, accounting, null, historian.reader(), context.tariff(), bills),
                archive, audit, clock, new io.wattline.core.secrets.Secrets(environment, archive.root().getParent()),
                site);
    }

    ReportService service(Clock clock) {
        return service(clock, name -> null);
    }

    private void write(PointId point, Instant t, double value) {
        Sample s = Sample.good(point, t, value);
        while (!historian.writer().offer(s)) {
            historian.writer().flush();
        }
    }

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @Override
    public void close() {
        historian.close();
    }
}
