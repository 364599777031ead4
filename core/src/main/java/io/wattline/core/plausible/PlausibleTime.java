package io.wattline.core.plausible;

import java.time.Instant;

/**
 * The window every instant Wattline stores or is asked about must fall in: from 1970-01-01 (inclusive)
 * to 2200-01-01 (exclusive), UTC. A time outside it is a typing error (year 0001, 9999, -300000), never
 * a reading or a report period; checking it at the edge also keeps every later conversion (epoch
 * microseconds, plant-local dates) far from overflow.
 */
public final class PlausibleTime {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private PlausibleTime() {
    }

    /** True when {@code t} lies in [{@link #EARLIEST}, {@link #LATEST}). */
    public static boolean contains(Instant t) {
        return t != null && !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }

    /** The window in words, for error messages: "a time from 1970-01-01T00:00:00Z to before 2200-01-01T00:00:00Z". */
    public static String describe() {
        return "a time from " + EARLIEST + " to before " + LATEST;
    }
}
