package io.wattline.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue 14's {@code import-readings}: a CSV of {@code rows} readings of {@code meters} meters
 * (15-minute readings, time-ordered) imported into a fresh store through the real importer, against
 * the historian's own ingest rate of the same samples measured in the same run (the median of
 * {@link #BASELINE_RUNS} runs, each in a fresh store); then the same file
 * again into the same store (it must write nothing). Each phase runs in a process of its own
 * ({@link ImportReadingsProcess}) with the JVM options the application runs with, so {@code rss_mb} is
 * the importer's own peak resident memory (VmHWM). {@code --size 1g} (or a third argument in GB)
 * imports a generated file of about that size instead and reports its rate and RSS; the file is deleted
 * after the run.
 */
final class ImportReadingsBenchmark implements Benchmark {

    /** Bytes of one generated row, for sizing a file by GB (measured: 58.9 MB for 1,000,000 rows). */
    private static final double BYTES_PER_ROW = 58.9;

    @Override
    public String name() {
        return "import-readings";
    }

    @Override
    public String description() {
        return "CSV readings import rows/s vs the historian's own ingest rate, a second import writing nothing, "
                + "the importer's own peak RSS; args: [rows=1000000] [meters=1000] [gb=0] or --size 1g";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        List<String> positional = new ArrayList<>();
        double gb = 0;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--size") && i + 1 < args.size()) {
                String size = args.get(++i).toLowerCase();
                gb = size.endsWith("g") ? Double.parseDouble(size.substring(0, size.length() - 1))
                        : size.endsWith("m") ? Double.parseDouble(size.substring(0, size.length() - 1)) / 1000
                        : Double.parseDouble(size);
            } else {
                positional.add(args.get(i));
            }
        }
        int meters = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1_000;
        if (positional.size() > 2) {
            gb = Double.parseDouble(positional.get(2));
        }
        long rows = gb > 0 ? (long) (gb * 1e9 / BYTES_PER_ROW)
                : positional.size() > 0 ? Long.parseLong(positional.get(0)) : 1_000_000;
        Path work = Files.createTempDirectory("import-readings");
        try {
            Path csv = work.resolve("readings.csv");
            long bytes = writeCsv(csv, rows, meters);
            out.printf("file: %d readings of %d meters, %.1f MB%n", rows, meters, bytes / 1e6);
            int baselineRows = (int) Math.min(rows, 1_000_000);
            double[] baselines = new double[BASELINE_RUNS];
            double[] foldeds = new double[BASELINE_RUNS];
            for (int run = 0; run < BASELINE_RUNS; run++) {
                Map<String, String[]> base = phase(out, "baseline", work.resolve("baseline-" + run).toString(),
                        Integer.toString(baselineRows), Integer.toString(meters));
                baselines[run] = Double.parseDouble(base.get("BASELINE")[0]);
                foldeds[run] = Double.parseDouble(base.get("BASELINE_FOLDED")[0]);
                out.printf("historian ingest of %d of the same samples (own process, fresh store, run %d of %d): "
                        + "%.0f samples/s (%.0f samples/s until also folded into the rollups, as an import is before "
                        + "it answers), RSS %s MB%n", baselineRows, run + 1, BASELINE_RUNS, baselines[run],
                        foldeds[run], base.get("RSS")[0]);
            }
            double baseline = median(baselines);
            double baselineFolded = median(foldeds);
            out.printf("historian ingest, median of %d runs: %.0f samples/s (%.0f until folded)%n", BASELINE_RUNS,
                    baseline, baselineFolded);
            List<String> importArgs = new ArrayList<>(List.of("import", work.resolve("store").toString(), csv.toString(),
                    Long.toString(rows)));
            if (gb > 0) {
                importArgs.add("once"); // a second pass over a GB adds time, not knowledge: the default run checks it
            }
            Map<String, String[]> imp = phase(out, importArgs.toArray(String[]::new));
            double first = Double.parseDouble(imp.get("FIRST")[0]);
            check(Long.parseLong(imp.get("FIRST")[1]) == rows, "first import wrote " + imp.get("FIRST")[1] + " of " + rows);
            out.printf("first import: %d written, %.0f rows/s%n", rows, first);
            double second = 0;
            if (imp.containsKey("SECOND")) {
                String[] two = imp.get("SECOND");
                second = Double.parseDouble(two[0]);
                out.printf("second import: %s written, %s already stored, %.0f rows/s%n", two[1], two[2], second);
                check(Long.parseLong(two[1]) == 0 && Long.parseLong(two[2]) == rows, "second import wrote " + two[1]);
                check(Long.parseLong(two[3]) == 0, "the second import committed " + two[3] + " samples");
            }
            long rss = Long.parseLong(imp.get("RSS")[0]);
            out.printf("importer's peak RSS (VmHWM of its own process): %d MB for a %.2f GB file%n", rss, bytes / 1e9);
            out.printf("RESULT rows_per_s=%.0f ratio=%.3f baseline_samples_per_s=%.0f second_rows_per_s=%.0f "
                    + "second_ratio=%.3f rss_mb=%d file_mb=%.0f rows=%d baseline_folded_samples_per_s=%.0f "
                    + "ratio_folded=%.3f baseline_runs=%s%n", first, first / baseline, baseline, second,
                    second / first, rss, bytes / 1e6, rows, baselineFolded, first / baselineFolded,
                    Arrays.stream(baselines).mapToObj(b -> String.format("%.0f", b))
                            .collect(Collectors.joining("/")));
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The historian's ingest is timed this many times, each in a fresh store and process, and the median taken: one
     * run of 1,000,000 samples lasts 3-8 s, and how much of the rollup fold running behind the writer falls inside
     * that window varies from run to run (2026-12-03: 131,000-377,000 samples/s on the same quiet machine), more
     * than the import's own rate does.
     */
    static final int BASELINE_RUNS = 3;

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** Runs one phase in its own JVM with the application's options; its {@code KEY values...} lines by key. */
    private static Map<String, String[]> phase(PrintStream out, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(StartupBenchmark.launcherJavaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ImportReadingsProcess.class.getName()));
        command.addAll(List.of(args));
        Process process = StartupBenchmark.launcherEnvironment(new ProcessBuilder(command))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String[]> lines = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                lines.put(words[0], Arrays.copyOfRange(words, 1, words.length));
            }
        }
        int exit = process.waitFor();
        check(exit == 0 && lines.containsKey("RSS"), "the " + args[0] + " process failed (exit " + exit + ")");
        return lines;
    }

    private static long writeCsv(Path file, long rows, int meters) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter,point,time,value\n");
            for (long i = 0; i < rows; i++) {
                w.write("meter-");
                w.write(Integer.toString((int) (i % meters)));
                w.write(",active_energy_import,");
                w.write(ImportReadingsProcess.timeOf(i, meters).toString());
                w.write(',');
                w.write(Double.toString(ImportReadingsProcess.valueOf(i, meters)));
                w.write('\n');
            }
        }
        return Files.size(file);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
