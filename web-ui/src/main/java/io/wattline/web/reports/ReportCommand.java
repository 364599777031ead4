package io.wattline.web.reports;

import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.config.ConfigException;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.reports.ReportService;
import io.wattline.reports.UnknownReportException;
import io.wattline.reports.archive.ArchivedRun;
import io.wattline.reports.bills.BillRegister;
import io.wattline.analytics.InvalidQueryException;
import io.wattline.web.RunningPlant;
import io.wattline.web.accounting.AccountingWiring;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code wattline report NAME --period 2026-10 (--config PLANT.yaml | --demo) [--data DIR]}: makes a
 * configured report for any past period without the server (stop Wattline first: the store allows
 * one process), archives it under DIR/reports like a run from the API, delivers it as configured and
 * audits it with the OS user. Exit 0 when made, 1 when the report or period is unknown, 2 for a bad
 * command line or a store that cannot be opened.
 */
public final class ReportCommand {

    public static final String USAGE = "usage: wattline report NAME --period PERIOD (--config PLANT.yaml | --demo)"
            + " [--data DIR]   (PERIOD: 2026-10, 2026-10-05 or 2026-10-05.morning, as the report's type needs)";

    private ReportCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err, Clock.systemUTC());
    }

    /** The command with its streams and clock given (tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String name = null;
        String period = null;
        Path config = null;
        boolean demo = false;
        Path data = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--period", "--config", "--data" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, args[i] + " needs a value");
                    }
                    String value = args[++i];
                    switch (args[i - 1]) {
                        case "--period" -> period = value;
                        case "--config" -> config = Path.of(value);
                        default -> data = Path.of(value);
                    }
                }
                case "--demo" -> demo = true;
                default -> {
                    if (args[i].startsWith("--") || name != null) {
                        return usage(err, "unexpected argument '" + args[i] + "'");
                    }
                    name = args[i];
                }
            }
        }
        if (name == null || period == null) {
            return usage(err, name == null ? "no report NAME given" : "no --period given");
        }
        if (demo == (config != null)) {
            return usage(err, "give exactly one of --config PLANT.yaml or --demo");
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant;
        try {
            PlantConfigLoader loader = PlantConfigLoader.withBuiltInProfiles();
            plant = demo ? loader.loadResource("demo/plant.yaml") : loader.load(config);
        } catch (ConfigException e) {
            err.println("wattline report: " + e.getMessage());
            return 2;
        }
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty())) {
            PointCatalogue points = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
            AccountingService accounting = AccountingWiring.create(points, historian, "", false);
            LineKpis kpis = new LineKpis(points, accounting, historian.reader(),
                    new ProductionLog(data.resolve(ProductionLog.FILE_NAME)));
            ReportService service = ReportsWiring.create(new RunningPlant(plant, null), accounting, kpis, historian,
                    new BillRegister(data.resolve(BillRegister.FILE_NAME)),
                    io.wattline.web.audit.AuditWiring.reportAudit(new io.wattline.web.audit.AuditLog(data), clock, "console"), data, clock, "");
            ArchivedRun run = service.run(name, period, System.getProperty("user.name", "command"),
                    ReportService.Trigger.COMMAND);
            out.printf("%s for %s: archived as %s%n", run.definition(), run.period(), run.id());
            for (ArchivedRun.ArchivedFile f : run.files()) {
                out.printf("  %s (%d bytes)%n", data.resolve("reports").resolve(run.id()).resolve(f.name()), f.bytes());
            }
            run.deliveries().forEach(d -> out.println("  delivered: " + d));
            return 0;
        } catch (UnknownReportException | InvalidQueryException e) {
            err.println("wattline report: " + e.getMessage());
            return 1;
        } catch (HistorianException e) {
            err.println("wattline report: " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wattline report: " + problem);
        err.println(USAGE);
        return 2;
    }
}
