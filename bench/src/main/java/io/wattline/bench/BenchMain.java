package io.wattline.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Entry point of {@code ./wattline bench NAME}: runs one benchmark by name. */
public final class BenchMain {

    private BenchMain() {
    }

    static Map<String, Benchmark> registry() {
        Map<String, Benchmark> all = new TreeMap<>();
        for (Benchmark b : List.<Benchmark>of(new CodecDecodeBenchmark(), new ModbusRtuScanBenchmark(), new ModbusDeadSlaveBenchmark(),
                new ModbusTcpThroughputBenchmark(), new HistorianIngestBenchmark(), new HistorianForwardBenchmark(),
                new AccountingMonthBenchmark(), new OpcUaSubscribeBenchmark(), new AlarmSmsLatencyBenchmark(),
                new StartupBenchmark(), new ImportReadingsBenchmark(), new ReportStormBenchmark(),
                new FleetFaninBenchmark(), new UiLiveLatencyBenchmark(), new ApiLoadBenchmark(),
                new ReplaceReadingsBenchmark())) {
            all.put(b.name(), b);
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> all = registry();
        if (args.length == 0 || args[0].equals("list")) {
            all.values().forEach(b -> System.out.println(b.name() + "\t" + b.description()));
            return;
        }
        Benchmark b = all.get(args[0]);
        if (b == null) {
            System.err.println("unknown benchmark '" + args[0] + "'; known: " + all.keySet());
            System.exit(2);
        }
        ResultLast out = new ResultLast(System.out);
        b.run(List.of(args).subList(1, args.length), out);
        // Resources are closed by now; their log lines (stderr) come before the figures.
        System.err.flush();
        out.printResult();
        System.exit(0);
    }

    /**
     * Passes a benchmark's output through but holds its {@code RESULT} line back until the run is
     * over, so that it is the last line even when closing servers still logs.
     */
    static final class ResultLast extends PrintStream {

        private final PrintStream target;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private String result;

        ResultLast(PrintStream target) {
            super(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                pending.write(buf[i]);
                if (buf[i] == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    if (line.startsWith("RESULT")) {
                        result = line;
                    } else {
                        target.print(line);
                    }
                }
            }
        }

        void printResult() {
            if (pending.size() > 0) {
                write(new byte[] {'\n'}, 0, 1);
            }
            if (result != null) {
                target.print(result);
            }
            target.flush();
        }
    }
}
