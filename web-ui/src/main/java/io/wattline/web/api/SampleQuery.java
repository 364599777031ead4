package io.wattline.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;

/**
 * The parameters of a raw range query, checked: {@code from <= time < to}, at most {@code limit}
 * samples. Defaults: the last hour up to now, 10 000 samples. Times lie in the plausible window
 * ({@link io.wattline.core.plausible.PlausibleTime}); a long range is paged by {@code limit}.
 */
public record SampleQuery(Instant from, Instant to, int limit) {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    public static final int DEFAULT_LIMIT = 10_000;
    public static final int MAX_LIMIT = 100_000;

    private static final String INSTANT = "an ISO-8601 UTC instant such as 2026-11-25T08:00:00Z";

    /** Parses the request's texts (each may be null or blank for its default). */
    public static SampleQuery parse(String fromText, String toText, String limitText, Instant now) {
        Instant to = isBlank(toText) ? now : instant("to", toText);
        // the default span may start before the window when 'to' is near its start
        Instant earliest = io.wattline.core.plausible.PlausibleTime.EARLIEST;
        Instant from = isBlank(fromText) ? max(to.minus(DEFAULT_SPAN), earliest) : instant("from", fromText);
        if (from.isAfter(to)) {
            throw new InvalidParameterException("from", "an instant not after 'to' (" + to + ")", fromText);
        }
        int limit = isBlank(limitText) ? DEFAULT_LIMIT : limit(limitText);
        return new SampleQuery(from, to, limit);
    }

    private static Instant instant(String name, String text) {
        Instant t;
        try {
            t = Instant.parse(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidParameterException(name, INSTANT, text);
        }
        return RequestBounds.plausible(name, t, text);
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
