package io.wattline.web.api;

import io.wattline.historian.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The parameters of {@code GET /api/points/{id}/series}, checked: {@code [from, to)} (default the
 * last 24 hours up to now, at most 400 days) and a resolution: {@code auto} (default: the coarsest
 * of 1 h, 15 min, 1 min rollups that still gives {@link #AUTO_MIN_BUCKETS} buckets across the span,
 * raw samples below that), or one of {@code raw}, {@code 1m}, {@code 15m}, {@code 1h}.
 *
 * @param resolution null for {@code auto}
 */
public record SeriesQuery(Instant from, Instant to, Resolution resolution) {

    /** A chart needs about this many buckets to look like a curve, not a staircase. */
    public static final int AUTO_MIN_BUCKETS = 60;
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(400);
    /** Raw samples are for short spans: a day of a 1 s point is 86 400 of them. */
    static final Duration MAX_RAW_SPAN = Duration.ofDays(1);

    private static final String INSTANT = "an ISO-8601 instant with offset, e.g. 2026-11-25T08:00:00Z";
    private static final String RESOLUTIONS = "one of auto, raw, 1m, 15m, 1h";

    public static SeriesQuery parse(String fromText, String toText, String resolutionText, Instant now) {
        Instant to = blank(toText) ? now : instant("to", toText);
        Instant from = blank(fromText) ? to.minus(DEFAULT_SPAN) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw new InvalidParameterException("from", "an instant before 'to' (" + to + ")", fromText);
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new InvalidParameterException("to", "at most " + MAX_SPAN.toDays() + " days after 'from'", toText);
        }
        Resolution resolution = resolution(resolutionText);
        if (resolution == Resolution.RAW && Duration.between(from, to).compareTo(MAX_RAW_SPAN) > 0) {
            throw new InvalidParameterException("resolution", "a rollup (1m, 15m, 1h) or auto for a span over "
                    + MAX_RAW_SPAN.toHours() + " h", resolutionText);
        }
        return new SeriesQuery(from, to, resolution);
    }

    private static Resolution resolution(String text) {
        if (blank(text)) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "raw" -> Resolution.RAW;
            case "1m" -> Resolution.ONE_MINUTE;
            case "15m" -> Resolution.FIFTEEN_MINUTES;
            case "1h" -> Resolution.ONE_HOUR;
            default -> throw new InvalidParameterException("resolution", RESOLUTIONS, text);
        };
    }

    private static Instant instant(String name, String text) {
        Instant t;
        try {
            t = java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new InvalidParameterException(name, INSTANT, text);
        }
        return RequestBounds.plausible(name, t, text);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
