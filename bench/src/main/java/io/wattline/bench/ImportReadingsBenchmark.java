package io.wattline.bench;

import io.wattline.analytics.importing.ImportRequest;
import io.wattline.analytics.importing.ImportResult;
import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.audit.AuditTrail;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Issue 14's {@code import-readings}: a CSV of {@code rows} readings of {@code meters} meters
 * (15-minute readings, time-ordered) imported into a fresh store through the real importer, against
 * the historian's own ingest rate of the same samples measured in the same run (offered straight to
 * the writer, then flushed); then the same file again into the same store (it must write nothing).
 * With {@code gb} > 0 a file of about that many GB is generated and imported as well, and the
 * process's peak resident memory (VmHWM) is printed: the import streams, so it stays flat.
 */
final class ImportReadingsBenchmark implements Benchmark {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.systemUTC();

    @Override
    public String name() {
        return "import-readings";
    }

    @Override
    public String description() {
        return "CSV readings import rows/s vs the historian's own ingest rate, a second import writing nothing, "
                + "peak RSS; args: [rows=1000000] [meters=1000] [gb=0]";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int rows = args.size() > 0 ? Integer.parseInt(args.get(0)) : 1_000_000;
        int meters = args.size() > 1 ? Integer.parseInt(args.get(1)) : 1_000;
        double gb = args.size() > 2 ? Double.parseDouble(args.get(2)) : 0;
        Path work = Files.createTempDirectory("import-readings");
        try {
            Path csv = work.resolve("readings.csv");
            long bytes = writeCsv(csv, rows, meters);
            out.printf("file: %d readings of %d meters, %.1f MB%n", rows, meters, bytes / 1e6);

            double baseline = rows / ingestSeconds(work.resolve("baseline"), rows, meters);
            out.printf("historian ingest of the same samples: %.0f samples/s%n", baseline);

            double first;
            double second;
            try (Historian historian = Historian.open(work.resolve("store"), HistorianOptions.defaults(),
                    Optional.empty())) {
                ReadingImporter importer = importer(historian);
                long t0 = System.nanoTime();
                ImportResult one = importFile(importer, csv, out);
                first = rows / ((System.nanoTime() - t0) / 1e9);
                out.printf("first import: %s, %.0f rows/s%n", one.summary(), first);
                check(one.written() == rows, "first import wrote " + one.written() + " of " + rows);
                historian.rollUpNow();
                long committed = historian.store().stats().committed();
                long t1 = System.nanoTime();
                ImportResult two = importFile(importer, csv, out);
                second = rows / ((System.nanoTime() - t1) / 1e9);
                out.printf("second import: %s, %.0f rows/s%n", two.summary(), second);
                check(two.written() == 0 && two.alreadyStored() == rows, "second import wrote " + two.written());
                check(historian.store().stats().committed() == committed, "the second import committed samples");
            }
            long bigRows = 0;
            double bigRate = 0;
            if (gb > 0) {
                Files.delete(csv);
                Path big = work.resolve("big.csv");
                bigRows = (long) (gb * 1e9 / (bytes / (double) rows));
                long bigBytes = writeCsv(big, bigRows, meters);
                out.printf("big file: %d readings, %.2f GB%n", bigRows, bigBytes / 1e9);
                try (Historian historian = Historian.open(work.resolve("big-store"), HistorianOptions.defaults(),
                        Optional.empty())) {
                    long t = System.nanoTime();
                    ImportResult result = importFile(importer(historian), big, out);
                    bigRate = bigRows / ((System.nanoTime() - t) / 1e9);
                    out.printf("big import: %s, %.0f rows/s%n", result.summary(), bigRate);
                }
            }
            out.printf("RESULT rows_per_s=%.0f ratio=%.3f baseline_samples_per_s=%.0f second_rows_per_s=%.0f "
                    + "second_ratio=%.3f rss_mb=%d big_rows=%d big_rows_per_s=%.0f%n", first, first / baseline,
                    baseline, second, second / first, peakRssMb(), bigRows, bigRate);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ReadingImporter importer(Historian historian) {
        Function<PointId, Optional<Quantity>> quantities = p -> p.point().equals("active_energy_import")
                ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Optional.empty();
        return new ReadingImporter(quantities, historian.readings(), historian.writer(), AuditTrail.NONE,
                ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    private static ImportResult importFile(ReadingImporter importer, Path csv, PrintStream out) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return importer.importCsv(csv.getFileName().toString(), in, ImportRequest.addOnly("bench", "console"),
                    p -> out.println("  progress: " + p.summary()));
        }
    }

    private static Instant timeOf(long row, int meters) {
        return START.plus(Duration.ofMinutes(15 * (row / meters)));
    }

    private static double valueOf(long row, int meters) {
        return 1000 + (row % meters) + 2.5 * (row / meters);
    }

    private static long writeCsv(Path file, long rows, int meters) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter,point,time,value\n");
            for (long i = 0; i < rows; i++) {
                w.write("meter-");
                w.write(Integer.toString((int) (i % meters)));
                w.write(",active_energy_import,");
                w.write(timeOf(i, meters).toString());
                w.write(',');
                w.write(Double.toString(valueOf(i, meters)));
                w.write('\n');
            }
        }
        return Files.size(file);
    }

    /** The historian's own ingest: the same samples offered to the writer, then flushed. */
    private static double ingestSeconds(Path directory, int rows, int meters) {
        PointId[] points = new PointId[meters];
        for (int m = 0; m < meters; m++) {
            points[m] = new PointId("meter-" + m, "active_energy_import");
        }
        try (Historian historian = Historian.open(directory, HistorianOptions.defaults(), Optional.empty())) {
            long started = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                Sample s = Sample.good(points[i % meters], timeOf(i, meters), valueOf(i, meters));
                while (!historian.writer().offer(s)) {
                    LockSupport.parkNanos(100_000);
                }
            }
            historian.writer().flush();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
