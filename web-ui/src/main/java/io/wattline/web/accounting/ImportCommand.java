package io.wattline.web.accounting;

import io.wattline.analytics.importing.ImportRequest;
import io.wattline.analytics.importing.ImportResult;
import io.wattline.analytics.importing.CounterJudge;
import io.wattline.analytics.importing.ReadingImporter;
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
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code wattline import FILE.csv (--config PLANT.yaml | --demo) [--data DIR] [--replace]}: imports
 * counter readings into the historian under DIR without starting the server (stop Wattline first: the
 * store allows one process). Standard output carries the summary only, as the JSON the HTTP endpoint
 * answers; progress and warnings go to standard error. {@code --replace} corrects stored values,
 * audited under the OS user in {@code DIR/audit/readings.jsonl}. Exit 0 when every row was written,
 * already stored or replaced, 1 when some were rejected (the good ones are written), 2 for a bad
 * command line or an unreadable file, 3 when the data volume is below its low-space watermark (the
 * message says how much was written; free space and import the same file again).
 */
public final class ImportCommand {

    public static final String USAGE =
            "usage: wattline import FILE.csv (--config PLANT.yaml | --demo) [--data DIR] [--replace]";

    /** Exit code when the store holds writes for lack of disk space. */
    public static final int EXIT_WRITES_HELD = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportCommand() {
    }

    /** Entry point for {@code WattlineMain}; returns the exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Path file = null;
        Path config = null;
        boolean demo = false;
        boolean replace = false;
        Path data = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (++i >= args.length) {
                        return usage(err, "--config needs a file");
                    }
                    config = Path.of(args[i]);
                }
                case "--data" -> {
                    if (++i >= args.length) {
                        return usage(err, "--data needs a directory");
                    }
                    data = Path.of(args[i]);
                }
                case "--demo" -> demo = true;
                case "--replace" -> replace = true;
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        return usage(err, "unexpected argument '" + args[i] + "'");
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            return usage(err, "no CSV file given");
        }
        if (demo == (config != null)) {
            return usage(err, "give exactly one of --config PLANT.yaml or --demo");
        }
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant;
        try {
            PlantConfigLoader loader = new PlantConfigLoader(catalog::find);
            plant = demo ? loader.loadResource("demo/plant.yaml") : loader.load(config);
        } catch (ConfigException e) {
            err.println("wattline import: " + e.getMessage());
            return 2;
        }
        PrintStream stdout = System.out;
        // log lines (the store opening, warnings) go to standard error: standard output is the summary
        System.setOut(err);
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty());
                Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            PointCatalogue points = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
            ReadingImporter importer = new ReadingImporter(points::quantityOf, plant.plausible(),
                    CounterJudge.of(points), historian.readings(), historian.writer(),
                    new io.wattline.web.audit.AuditLog(data), plant.zone(), clock);
            ImportRequest request = new ImportRequest(replace, System.getProperty("user.name", "unknown"), "console");
            ImportResult result = importer.importCsv(file.toString(), in, request,
                    progress -> err.println("wattline import: " + progress.summary()));
            historian.rollUpNow();
            out.println(JSON.writeValueAsString(result));
            for (ImportResult.Rejection r : result.rejected()) {
                err.printf("%s:%d: %s%n", file, r.line(), r.reason());
            }
            err.println("wattline import: " + result.summary());
            return result.rejectedRows() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("wattline import: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (io.wattline.historian.WritesHeldException e) {
            err.println("wattline import: " + e.getMessage());
            return EXIT_WRITES_HELD;
        } catch (HistorianException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("wattline import: " + e.getMessage());
            return 2;
        } finally {
            System.setOut(stdout);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wattline import: " + problem);
        err.println(USAGE);
        return 2;
    }
}
