package io.wattline.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in configuration files: {@code 500ms}, {@code 1s}, {@code 15s}, {@code 1m}, {@code 1h}. */
public final class DurationText {

    private static final Pattern FORMAT = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private DurationText() {
    }

    /** The duration, or empty when the text is not in the format above. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty(); // more than a Duration holds: not a duration anyone means
        }
    }

    /** The shortest spelling that {@link #parse} reads back to the same duration. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
