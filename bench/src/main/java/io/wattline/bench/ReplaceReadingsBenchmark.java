package io.wattline.bench;

import io.wattline.analytics.importing.ImportRequest;
import io.wattline.analytics.importing.ImportResult;
import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.audit.AuditEntry;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An audited correction of many readings ({@code --replace}): a CSV of N readings is imported into a fresh
 * store (the baseline, same run), then a corrected file of the same N instants (every value +0.5) is
 * imported with {@code replace}: raw, record, latest value and every rollup bucket corrected, one audit
 * entry per reading. Checks that every reading was replaced and audited, and that the corrected file
 * imported again writes nothing. Prints {@code RESULT replace_rows_per_s=… import_rows_per_s=… ratio=…}.
 * The audit entries are counted, not written (the application's audit log syncs each batch of them to disk
 * once).
 */
final class ReplaceReadingsBenchmark implements Benchmark {

    @Override
    public String name() {
        return "replace-readings";
    }

    @Override
    public String description() {
        return "an audited --replace of N readings (default 100,000 of 100 meters) vs their first import, same run";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        int rows = args.isEmpty() ? 100_000 : Integer.parseInt(args.get(0));
        int meters = args.size() < 2 ? 100 : Integer.parseInt(args.get(1));
        Path dir = Files.createTempDirectory("wattline-replace-bench");
        try {
            Path original = csv(dir.resolve("readings.csv"), rows, meters, 0);
            Path corrected = csv(dir.resolve("corrected.csv"), rows, meters, 0.5);
            AtomicLong audited = new AtomicLong();
            AuditTrail counting = new AuditTrail() {
                @Override
                public void record(AuditEntry entry) {
                    audited.incrementAndGet();
                }

                @Override
                public void recordAll(List<AuditEntry> entries) {
                    audited.addAndGet(entries.size());
                }
            };
            try (Historian historian = Historian.open(dir.resolve("store"), HistorianOptions.defaults(),
                    Optional.empty())) {
                Function<PointId, Optional<Quantity>> quantities = p -> Optional.of(Quantity.ACTIVE_ENERGY_IMPORT);
                ReadingImporter importer = new ReadingImporter(quantities, historian.readings(), historian.writer(),
                        counting, ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
                long t0 = System.nanoTime();
                ImportResult first = read(importer, original, ImportRequest.addOnly("bench", "console"));
                double importSeconds = (System.nanoTime() - t0) / 1e9;
                check(first.written() == rows, "first import wrote " + first.summary());
                long t1 = System.nanoTime();
                ImportResult replaced = read(importer, corrected, new ImportRequest(true, "bench", "console"));
                double replaceSeconds = (System.nanoTime() - t1) / 1e9;
                check(replaced.replaced() == rows, "the replace import: " + replaced.summary());
                check(audited.get() == rows, audited.get() + " audit entries for " + rows + " replaced readings");
                ImportResult again = read(importer, corrected, ImportRequest.addOnly("bench", "console"));
                check(again.written() == 0 && again.alreadyStored() == rows, "the corrected file again: "
                        + again.summary());
                double replaceRate = rows / replaceSeconds;
                double importRate = rows / importSeconds;
                out.printf("%d readings of %d meters: first import %.2f s, replace %.2f s (%d audit entries)%n", rows,
                        meters, importSeconds, replaceSeconds, audited.get());
                out.printf("RESULT replace_rows_per_s=%.0f import_rows_per_s=%.0f ratio=%.3f replace_s=%.2f%n",
                        replaceRate, importRate, replaceRate / importRate, replaceSeconds);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ImportResult read(ReadingImporter importer, Path csv, ImportRequest request) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return importer.importCsv(csv.getFileName().toString(), in, request, p -> { });
        }
    }

    private static Path csv(Path file, int rows, int meters, double plus) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter,point,time,value\n");
            for (int i = 0; i < rows; i++) {
                w.write("meter-" + (i % meters) + ",active_energy_import," + ImportReadingsProcess.timeOf(i, meters)
                        + "," + (ImportReadingsProcess.valueOf(i, meters) + plus) + "\n");
            }
        }
        return file;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("replace-readings: " + what);
        }
    }
}
