package io.wattline.web.alarms;

import io.wattline.alarms.Priority;
import io.wattline.alarms.journal.JournalQuery;
import io.wattline.web.accounting.ReportParameters;
import io.wattline.web.api.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * The parameters of {@code GET /api/alarms/journal}: {@code from} and {@code to} (ISO with offset, or
 * plant-local; default the last 24 hours), {@code priority}, {@code point} (a point, meter or line
 * id), {@code limit} (default 1000).
 */
public record JournalParameters(String from, String to, String priority, String point, String limit) {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 1000;

    public JournalQuery query(ZoneId zone, Instant now) {
        Instant t = blank(to) ? now : ReportParameters.time("to", to, zone);
        Instant f = blank(from) ? t.minus(DEFAULT_SPAN) : ReportParameters.time("from", from, zone);
        if (!f.isBefore(t)) {
            throw new InvalidParameterException("to", "a time after from (" + f + ")", to);
        }
        return new JournalQuery(f, t, parsedPriority(), blank(point) ? null : point.strip(), null, parsedLimit());
    }

    private Priority parsedPriority() {
        if (blank(priority)) {
            return null;
        }
        try {
            return Priority.parse(priority);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("priority", "one of " + String.join("|", Arrays.stream(Priority.values())
                    .map(p -> p.name().toLowerCase(Locale.ROOT)).toList()), priority);
        }
    }

    private int parsedLimit() {
        if (blank(limit)) {
            return DEFAULT_LIMIT;
        }
        String expected = "an integer from 1 to " + JournalQuery.MAX_LIMIT;
        try {
            int n = Integer.parseInt(limit.strip());
            if (n < 1 || n > JournalQuery.MAX_LIMIT) {
                throw new InvalidParameterException("limit", expected, limit);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", expected, limit);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
