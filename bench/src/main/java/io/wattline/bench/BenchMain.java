package io.wattline.bench;

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
                new AccountingMonthBenchmark(), new OpcUaSubscribeBenchmark())) {
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
        b.run(List.of(args).subList(1, args.length), System.out);
    }
}
