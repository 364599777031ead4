package io.wattline.alarms.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** On-delay 3 s, off-delay 2 s: observations one a second, "a" abnormal, "n" normal, "t" a tick only. */
class DelayFilterTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "a a a a n n n,     0 0 0 1 1 1 0",
            "a a n a a a a,     0 0 0 0 0 0 1",
            "a t t t n t t,     0 0 0 1 1 1 0",
            "a a a a n a n n,   0 0 0 1 1 1 1 1",
            "n n a n,           0 0 0 0",
    })
    void delays(String inputs, String expected) {
        DelayFilter f = new DelayFilter(Duration.ofSeconds(3), Duration.ofSeconds(2), false);
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        List<String> out = new ArrayList<>();
        String[] in = inputs.trim().split("\\s+");
        for (int i = 0; i < in.length; i++) {
            Instant t = t0.plusSeconds(i);
            if (in[i].equals("t")) {
                f.settle(t);
            } else {
                f.observe(in[i].equals("a"), t);
            }
            out.add(f.active() ? "1" : "0");
        }
        assertEquals(expected, String.join(" ", out));
    }

    @ParameterizedTest(name = "zero delays follow at once: {0}")
    @CsvSource({"a n a, 1 0 1"})
    void zeroDelay(String inputs, String expected) {
        DelayFilter f = new DelayFilter(Duration.ZERO, Duration.ZERO, false);
        List<String> out = new ArrayList<>();
        for (String s : inputs.split(" ")) {
            f.observe(s.equals("a"), Instant.EPOCH);
            out.add(f.active() ? "1" : "0");
        }
        assertEquals(expected, String.join(" ", out));
    }
}
