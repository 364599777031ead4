package io.wattline.core;

import java.time.Duration;

/**
 * Durations as people read them in logs and messages ({@code 500 ms}, {@code 1 s}, {@code 1.5 s},
 * {@code 2 min}, {@code 2 min 30 s}, {@code 1 h 5 min}), never ISO-8601's {@code PT1S}.
 */
public final class DurationWords {

    private DurationWords() {
    }

    /** The duration in words, rounded to what matters at its size (ms below 1 s, 0.1 s below 10 s). */
    public static String format(Duration duration) {
        if (duration == null) {
            return "none";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long ms = duration.toMillis();
        if (ms < 1000) {
            return ms == 0 && !duration.isZero() ? "< 1 ms" : ms + " ms";
        }
        if (ms < 10_000 && ms % 1000 != 0) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = Math.round(ms / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
