package io.wattline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every registered benchmark runs (shortened) and ends with a RESULT line; no timing is asserted. */
class BenchMainTest {

    @Test
    void codecBenchmarkEndsWithResultLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CodecDecodeBenchmark().run(List.of("2"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("RESULT values_per_s=\\d+ baseline_values_per_s=\\d+ ratio=\\d+\\.\\d\\d"), last);
    }

    /** The replace benchmark checks its own outcome (every reading replaced and audited, nothing written again). */
    @Test
    void replaceReadingsBenchmarkEndsWithResultLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ReplaceReadingsBenchmark().run(List.of("2000", "10"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("RESULT replace_rows_per_s=\\d+ import_rows_per_s=\\d+ ratio=\\d+\\.\\d{3} "
                + "replace_s=\\d+\\.\\d\\d"), last);
        assertTrue(lines[lines.length - 2].contains("(2000 audit entries)"), lines[lines.length - 2]);
    }

    @Test
    void resultLineIsHeldBackUntilTheRunEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchMain.ResultLast out = new BenchMain.ResultLast(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out.println("warming up");
        out.printf("RESULT ratio=%.2f%n", 1.5);
        out.println("server stopped");
        out.print("no newline yet");
        out.printResult();
        assertEquals(List.of("warming up", "server stopped", "no newline yet", "RESULT ratio=1.50"),
                List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
    }
}
