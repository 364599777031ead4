package io.wattline.collector.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far the {@link RequestPlanner} may join points into one read (Telegraf's optimisation
 * names): {@code none} reads every point alone, {@code shrink} joins only adjacent or overlapping
 * points, {@code max_insert(n)} also reads across gaps of up to {@code n} registers (or bits) that
 * lie inside a readable range of the profile.
 *
 * @param maxGap the largest gap read across; 0 for {@code shrink}, -1 for {@code none}
 */
public record PlanStrategy(String name, int maxGap) {

    /**
     * The collector's default: gaps of up to 10 registers are read across. On an RS-485 line a
     * request costs about 20 characters of framing and silence (8-byte request, 5 bytes of response
     * header and CRC, twice 3.5 characters) plus the slave's turnaround, and a gap register costs 2,
     * so filling gaps up to about 10 registers never makes a scan slower; on TCP fewer requests
     * are always faster.
     */
    public static final PlanStrategy DEFAULT = maxInsert(10);

    private static final Pattern MAX_INSERT = Pattern.compile("max_insert\\((\\d{1,4})\\)");

    public PlanStrategy {
        if (maxGap < -1) {
            throw new IllegalArgumentException("maxGap " + maxGap + " < -1");
        }
    }

    /** One request per point. */
    public static PlanStrategy none() {
        return new PlanStrategy("none", -1);
    }

    /** Join adjacent and overlapping points only. */
    public static PlanStrategy shrink() {
        return new PlanStrategy("shrink", 0);
    }

    /** Join across gaps of up to {@code maxGap} registers inside readable ranges. */
    public static PlanStrategy maxInsert(int maxGap) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("max_insert needs a gap of 0 or more registers, got " + maxGap);
        }
        return new PlanStrategy("max_insert(" + maxGap + ")", maxGap);
    }

    /**
     * Parses {@code none}, {@code shrink} or {@code max_insert(n)} (case-insensitive).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static PlanStrategy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return none();
        }
        if (t.equals("shrink")) {
            return shrink();
        }
        Matcher m = MAX_INSERT.matcher(t);
        if (m.matches()) {
            return maxInsert(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("request strategy '" + text
                + "': expected none, shrink or max_insert(n) with n registers");
    }

    /** Whether points may share a read at all. */
    public boolean joins() {
        return maxGap >= 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
