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
 * the historian's own ingest rate of the same samples measured in the same run ({@link #RUNS} pairs of an
 * ingest and an import, each in a fresh store; the medians reported); then, in the last pair, the same file
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
            // Pairs of runs, each in a fresh store and process: the historian's ingest, then the import, so a pair
            // shares the machine's minutes (its speed drifts by ±20 % from minute to minute, idle as it may be).
            int pairs = gb > 0 ? 1 : RUNS; // a GB file is imported once: more passes add time, not knowledge
            double[] baselines = new double[pairs];
            double[] foldeds = new double[pairs];
            double[] firsts = new double[pairs];
            double[] ratios = new double[pairs];
            Map<String, String[]> last = Map.of();
            long rss = 0;
            for (int run = 0; run < pairs; run++) {
                Map<String, String[]> base = phase(out, "baseline", work.resolve("baseline-" + run).toString(),
                        Integer.toString(baselineRows), Integer.toString(meters));
                baselines[run] = Double.parseDouble(base.get("BASELINE")[0]);
                foldeds[run] = Double.parseDouble(base.get("BASELINE_FOLDED")[0]);
                out.printf("pair %d of %d: historian ingest of %d of the same samples (own process, fresh store): "
                        + "%.0f samples/s (%.0f samples/s until also folded into the rollups, as an import is before "
                        + "it answers), RSS %s MB%n", run + 1, pairs, baselineRows, baselines[run], foldeds[run],
                        base.get("RSS")[0]);
                // the last pair's import also imports the same file again into the same store (unless a GB file)
                boolean again = run == pairs - 1 && gb == 0;
                List<String> importArgs = new ArrayList<>(List.of("import", work.resolve("store-" + run).toString(),
                        csv.toString(), Long.toString(rows)));
                if (!again) {
                    importArgs.add("once");
                }
                Map<String, String[]> imp = phase(out, importArgs.toArray(String[]::new));
                firsts[run] = Double.parseDouble(imp.get("FIRST")[0]);
                check(Long.parseLong(imp.get("FIRST")[1]) == rows,
                        "first import wrote " + imp.get("FIRST")[1] + " of " + rows);
                ratios[run] = firsts[run] / baselines[run];
                out.printf("pair %d of %d: import into a fresh store: %d written, %.0f rows/s, ratio %.3f, RSS %s MB%n",
                        run + 1, pairs, rows, firsts[run], ratios[run], imp.get("RSS")[0]);
                rss = Math.max(rss, Long.parseLong(imp.get("RSS")[0]));
                last = imp;
            }
            double baseline = median(baselines);
            double baselineFolded = median(foldeds);
            double first = median(firsts);
            double ratio = median(ratios);
            out.printf("medians of %d pairs: historian ingest %.0f samples/s (%.0f until folded), import %.0f rows/s, "
                    + "ratio %.3f%n", pairs, baseline, baselineFolded, first, ratio);
            double second = 0;
            if (last.containsKey("SECOND")) {
                String[] two = last.get("SECOND");
                second = Double.parseDouble(two[0]);
                out.printf("second import: %s written, %s already stored, %.0f rows/s%n", two[1], two[2], second);
                check(Long.parseLong(two[1]) == 0 && Long.parseLong(two[2]) == rows, "second import wrote " + two[1]);
                check(Long.parseLong(two[3]) == 0, "the second import committed " + two[3] + " samples");
            }
            out.printf("importer's peak RSS (VmHWM of its own process, the highest of the imports): %d MB for a %.2f GB "
                    + "file%n", rss, bytes / 1e9);
            double lastFirst = firsts[pairs - 1];
            out.printf("RESULT rows_per_s=%.0f ratio=%.3f baseline_samples_per_s=%.0f second_rows_per_s=%.0f "
                    + "second_ratio=%.3f rss_mb=%d file_mb=%.0f rows=%d baseline_folded_samples_per_s=%.0f "
                    + "ratio_folded=%.3f ratio_runs=%s rows_per_s_runs=%s baseline_runs=%s%n", first, ratio, baseline,
                    second, second / lastFirst, rss, bytes / 1e6, rows, baselineFolded, first / baselineFolded,
                    joined(ratios, "%.3f"), joined(firsts, "%.0f"), joined(baselines, "%.0f"));
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The historian's ingest and the import are timed this many times, in pairs (ingest, then import, each in a fresh
     * store and process), and the medians taken, {@code ratio} as the median of the pairs' ratios: one ingest run of
     * 1,000,000 samples lasts 3-8 s, and how much of the rollup fold running behind the writer falls inside that
     * window varies from run to run (2026-12-03: 131,000-377,000 samples/s on the same quiet machine); single imports
     * of the same file swung 88,000-131,000 rows/s (2026-12-04); one pair of single runs made the ratio swing
     * 0.26-0.45 around a median of 0.34. With three pairs the median still ranged 0.304-0.442 over eleven runs
     * (2026-12-04), single pairs 0.259-0.465: five pairs, about 40 s more.
     */
    static final int RUNS = 5;

    private static String joined(double[] values, String format) {
        return Arrays.stream(values).mapToObj(v -> String.format(format, v)).collect(Collectors.joining("/"));
    }

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
