package io.wattline.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The parameters of a raw range query, checked: {@code from <= time < to}, at most {@code limit}
 * samples. Defaults: the last hour up to now, 10 000 samples.
 */
public record SampleQuery(Instant from, Instant to, int limit) {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    public static final int DEFAULT_LIMIT = 10_000;
    public static final int MAX_LIMIT = 100_000;

    private static final String INSTANT = "an ISO-8601 UTC instant such as 2026-11-25T08:00:00Z";

    /** Parses the request's texts (each may be null or blank for its default). */
    public static SampleQuery parse(String fromText, String toText, String limitText, Instant now) {
        Instant to = isBlank(toText) ? now : instant("to", toText);
        Instant from = isBlank(fromText) ? to.minus(DEFAULT_SPAN) : instant("from", fromText);
        if (from.isAfter(to)) {
            throw new InvalidParameterException("from", "an instant not after 'to' (" + to + ")", fromText);
        }
        int limit = isBlank(limitText) ? DEFAULT_LIMIT : limit(limitText);
        return new SampleQuery(from, to, limit);
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, INSTANT, text);
        }
    }

    private static int limit(String text) {
        String expected = "an integer from 1 to " + MAX_LIMIT;
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidParameterException("limit", expected, text);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", expected, text);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
