package io.wattline.bench;

import java.io.PrintStream;
import java.util.List;

/** One named benchmark; its last printed line is {@code RESULT key=value ...}. */
public interface Benchmark {

    String name();

    String description();

    void run(List<String> args, PrintStream out) throws Exception;
}
