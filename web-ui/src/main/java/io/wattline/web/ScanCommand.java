package io.wattline.web;

import io.wattline.collector.CollectorOptions;
import io.wattline.collector.ModbusCollector;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.scan.BusScanner;
import io.wattline.collector.scan.PlantSkeleton;
import io.wattline.collector.scan.ScanTarget;
import io.wattline.collector.scan.UnitReport;
import io.wattline.config.ConfigException;
import io.wattline.config.DurationText;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.DurationWords;
import io.wattline.core.plant.Connection;
import io.wattline.profiles.LoadedProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./wattline scan URL [--units 1-32] [--timeout 500ms] [--profiles DIR]... [--out FILE] [--zone ZONE]}:
 * finds which unit ids answer on a bus, identifies each by the catalogue's signature registers
 * (with the variant of its map) and writes a plant-file skeleton. Exit 0 after a scan, 1 when the bus
 * cannot be reached or the profiles do not load, 2 for a command line it cannot read.
 */
public final class ScanCommand {

    static final String USAGE = "usage: scan tcp://HOST:PORT | rtu-over-tcp://HOST:PORT | rtu:///dev/ttyUSB0@9600-8N1"
            + " [--units 1-247] [--timeout 500ms] [--profiles DIR]... [--out plant-scan.yaml] [--zone Asia/Shanghai]";

    private ScanCommand() {
    }

    /** The command line, read. */
    record Options(String url, List<Integer> units, Duration timeout, List<Path> profiles, Path out, ZoneId zone) {

        static Options parse(String... args) {
            String url = null;
            List<Integer> units = range("1-247");
            Duration timeout = Duration.ofMillis(500);
            List<Path> profiles = new ArrayList<>();
            Path out = Path.of("plant-scan.yaml");
            ZoneId zone = ZoneId.systemDefault();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (url != null) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    url = a;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--units" -> units = range(v);
                    case "--timeout" -> timeout = DurationText.parse(v).filter(d -> !d.isZero()).orElseThrow(() ->
                            new IllegalArgumentException("--timeout expects a duration like 300ms or 1s, got '" + v + "'"));
                    case "--profiles" -> profiles.add(Path.of(v));
                    case "--out" -> out = Path.of(v);
                    case "--zone" -> zone = ZoneId.of(v);
                    default -> throw new IllegalArgumentException("unknown option '" + a + "' for 'scan'");
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("'scan' needs the bus to scan");
            }
            return new Options(url, units, timeout, profiles, out, zone);
        }

        /** {@code 1-32}, {@code 1,3,5-7}: unit ids 0..255 in the order given. */
        static List<Integer> range(String text) {
            List<Integer> units = new ArrayList<>();
            for (String part : text.split(",")) {
                String[] ends = part.trim().split("-", 2);
                try {
                    int from = Integer.parseInt(ends[0].trim());
                    int to = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : from;
                    if (from < 0 || to > 255 || to < from) {
                        throw new NumberFormatException();
                    }
                    for (int u = from; u <= to; u++) {
                        units.add(u);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--units expects unit ids 0..255 like 1-32 or 1,3,5-7, got '"
                            + text + "'");
                }
            }
            return units;
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        Connection connection;
        try {
            options = Options.parse(args);
            connection = ScanTarget.parse(options.url(), "bus1", options.timeout());
        } catch (IllegalArgumentException e) {
            err.println("wattline scan: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<LoadedProfile> models;
        try {
            models = ProfileLibrary.load(options.profiles()).modbus().models();
        } catch (ConfigException e) {
            err.println("wattline scan: " + e.getMessage());
            return 1;
        }
        long recognisable = models.stream().filter(m -> !m.identify().isEmpty()).count();
        out.println("scanning " + options.url() + ", " + options.units().size() + " unit id(s), timeout "
                + DurationWords.format(options.timeout()) + ", " + recognisable + " of " + models.size()
                + " models have signature registers");
        List<UnitReport> reports;
        try (ModbusLink link = ModbusCollector.defaultLinks(CollectorOptions.defaults()).apply(connection)) {
            reports = new BusScanner(link, models).scan(options.units(), line -> { });
        } catch (ModbusReadException e) {
            err.println("wattline scan: cannot reach " + options.url() + ": " + e.reason());
            return 1;
        }
        print(reports, out);
        String skeleton = PlantSkeleton.yaml(options.url(), connection, reports, options.zone());
        try {
            Files.writeString(options.out(), skeleton, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("wattline scan: cannot write " + options.out() + ": " + e.getMessage());
            return 1;
        }
        long meters = reports.stream().filter(r -> r.best().isPresent()).count();
        out.println("wrote a plant skeleton with " + meters + " meter(s) to " + options.out());
        return 0;
    }

    private static void print(List<UnitReport> reports, PrintStream out) {
        for (UnitReport r : reports) {
            if (!r.answers()) {
                continue;
            }
            if (r.best().isPresent()) {
                UnitReport.Candidate best = r.best().get();
                out.println("unit " + r.unitId() + ": " + best.profileId() + " (" + best.model().profile().vendor() + " "
                        + best.model().profile().model() + "): " + String.join(", ", best.checks().stream()
                                .map(UnitReport.CheckResult::describe).toList())
                        + (best.note() == null ? "" : "; " + best.note()));
                best.variants().forEach(v -> out.println("    variant " + v.variant().id() + ": " + (v.answers()
                        ? "answers" : "does not answer") + " " + v.checks().stream()
                                .map(UnitReport.CheckResult::describe).toList()));
                r.candidates().stream().skip(1).forEach(c -> out.println("    also matches " + c.profileId() + " ("
                        + c.passed() + " checks, fewer than " + best.passed() + ")"));
            } else if (r.candidates().isEmpty()) {
                out.println("unit " + r.unitId() + ": answers (" + r.answer() + "), no profile's signature matches");
            } else {
                out.println("unit " + r.unitId() + ": answers; several profiles match equally: "
                        + r.candidates().stream().map(UnitReport.Candidate::profileId).toList());
            }
        }
        long silent = reports.stream().filter(r -> !r.answers()).count();
        out.println(silent + " unit id(s) gave no answer");
    }
}
