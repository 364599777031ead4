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
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One phase of {@code import-readings} in a process of its own, started by {@link ImportReadingsBenchmark}
 * with the JVM options the application runs with, so that the peak resident memory it reports is the
 * importer's own (or the historian's own, for the baseline) and not the benchmark's:
 * <ul>
 * <li>{@code baseline STORE ROWS METERS}: the historian's own ingest of the file's samples (offered straight
 *     to the writer, then flushed); prints {@code BASELINE samples_per_s}, and {@code BASELINE_FOLDED
 *     samples_per_s} up to the moment they are all folded into the rollups too.</li>
 * <li>{@code import STORE CSV ROWS [once]}: the real importer reads the file into a fresh store, then (unless
 *     {@code once}) the same file again into the same store; prints {@code FIRST rows_per_s written},
 *     {@code SECOND rows_per_s written already committed_by_second}.</li>
 * </ul>
 * Both print {@code RSS mb} (VmHWM) last. Log lines and progress go to standard error.
 */
public final class ImportReadingsProcess {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.systemUTC();

    private ImportReadingsProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[1]);
        switch (args[0]) {
            case "baseline" -> {
                int rows = Integer.parseInt(args[2]);
                double[] seconds = ingestSeconds(store, rows, Integer.parseInt(args[3]));
                System.out.printf("BASELINE %.0f%n", rows / seconds[0]);
                System.out.printf("BASELINE_FOLDED %.0f%n", rows / seconds[1]);
            }
            case "import" -> imports(store, Path.of(args[2]), Long.parseLong(args[3]), args.length > 4);
            default -> throw new IllegalArgumentException("unknown phase " + args[0] + " (baseline or import)");
        }
        System.out.printf("RSS %d%n", peakRssMb());
        System.out.flush();
    }

    private static void imports(Path directory, Path csv, long rows, boolean once) throws IOException {
        try (Historian historian = Historian.open(directory, HistorianOptions.defaults(), Optional.empty())) {
            ReadingImporter importer = importer(historian);
            long t0 = System.nanoTime();
            ImportResult one = importFile(importer, csv);
            System.err.println("first import: " + one.summary());
            System.out.printf("FIRST %.0f %d%n", rows / ((System.nanoTime() - t0) / 1e9), one.written());
            if (once) {
                return;
            }
            historian.rollUpNow();
            long committed = historian.store().stats().committed();
            long t1 = System.nanoTime();
            ImportResult two = importFile(importer, csv);
            System.err.println("second import: " + two.summary());
            System.out.printf("SECOND %.0f %d %d %d%n", rows / ((System.nanoTime() - t1) / 1e9), two.written(),
                    two.alreadyStored(), historian.store().stats().committed() - committed);
        }
    }

    private static ReadingImporter importer(Historian historian) {
        Function<PointId, Optional<Quantity>> quantities = p -> p.point().equals("active_energy_import")
                ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Optional.empty();
        return new ReadingImporter(quantities, historian.readings(), historian.writer(), AuditTrail.NONE,
                ZoneId.of("Asia/Shanghai"), CLOCK);
    }

    private static ImportResult importFile(ReadingImporter importer, Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return importer.importCsv(csv.getFileName().toString(), in, ImportRequest.addOnly("bench", "console"),
                    p -> System.err.println("  progress: " + p.summary()));
        }
    }

    static Instant timeOf(long row, int meters) {
        return START.plus(Duration.ofMinutes(15 * (row / meters)));
    }

    static double valueOf(long row, int meters) {
        return 1000 + (row % meters) + 2.5 * (row / meters);
    }

    /**
     * The historian's own ingest: the same samples offered to the writer, then flushed (the issue's
     * baseline; the rollups fold behind it as in production); and the seconds until they are also all
     * folded into the rollups, the end state an import reaches before it answers.
     */
    private static double[] ingestSeconds(Path directory, int rows, int meters) {
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
            double flushed = (System.nanoTime() - started) / 1e9;
            historian.rollUpNow();
            return new double[] {flushed, (System.nanoTime() - started) / 1e9};
        }
    }

    static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
