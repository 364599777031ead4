package io.wattline.alarms.rule;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds a rule one reading a second and reads back what it observed about one alarm. */
final class RuleTesting {

    private RuleTesting() {
    }

    /** Values separated by spaces. */
    static double[] values(String text) {
        return Arrays.stream(text.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    /** The observations of {@code key} for each value, as "a" (abnormal), "n" (normal) or "-" (none). */
    static String observe(AlarmRule rule, PointId point, Instant start, String values, String key) {
        List<String> out = new ArrayList<>();
        double[] v = values(values);
        for (int i = 0; i < v.length; i++) {
            List<Observation> seen = new ArrayList<>();
            rule.onSample(Sample.good(point, start.plusSeconds(i), v[i]), seen);
            out.add(seen.stream().filter(o -> o.key().equals(key)).findFirst()
                    .map(o -> o.abnormal() ? "a" : "n").orElse("-"));
        }
        return String.join(" ", out);
    }
}
