package io.wattline.web.accounting;

import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.web.api.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code /api/consumption}, checked: each bad one is a 400 naming the
 * parameter and what was expected. Times: ISO with offset, or plant-local {@code 2026-03-02} /
 * {@code 2026-03-02T08:00}; default today (plant-local) from midnight to midnight.
 */
public final class ConsumptionParameters {

    /** Longest range one request may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(400);

    private ConsumptionParameters() {
    }

    public static ConsumptionQuery parse(String group, String from, String to, String period, String carrier,
            String path, ZoneId zone, Instant now) {
        String g = group == null || group.isBlank() ? "line" : group.strip().toLowerCase(Locale.ROOT);
        if (!ConsumptionQuery.GROUPS.contains(g)) {
            throw new InvalidParameterException("group", "one of " + String.join("|", ConsumptionQuery.GROUPS), group);
        }
        String p = period == null || period.isBlank() ? "day" : period.strip().toLowerCase(Locale.ROOT);
        if (!ConsumptionQuery.PERIODS.contains(p)) {
            throw new InvalidParameterException("period", "one of " + String.join("|", ConsumptionQuery.PERIODS),
                    period);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant f = from == null || from.isBlank() ? today.atStartOfDay(zone).toInstant() : time("from", from, zone);
        Instant t = to == null || to.isBlank() ? today.plusDays(1).atStartOfDay(zone).toInstant() : time("to", to, zone);
        if (!f.isBefore(t)) {
            throw new InvalidParameterException("to", "a time after from (" + f + ")", to);
        }
        if (Duration.between(f, t).compareTo(MAX_RANGE) > 0) {
            throw new InvalidParameterException("to", "at most " + MAX_RANGE.toDays() + " days after from", to);
        }
        EnergyCarrier c = null;
        if (carrier != null && !carrier.isBlank()) {
            try {
                c = EnergyCarrier.parse(carrier);
            } catch (IllegalArgumentException e) {
                c = null;
            }
            if (c == null || c == EnergyCarrier.NONE) {
                throw new InvalidParameterException("carrier", "one of " + Arrays.stream(EnergyCarrier.values())
                        .filter(x -> x != EnergyCarrier.NONE).map(x -> x.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining("|")), carrier);
            }
        }
        ReadPath readPath = ReadPath.ROLLUP;
        if (path != null && !path.isBlank()) {
            try {
                readPath = ReadPath.valueOf(path.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("path", "rollup|raw", path);
            }
        }
        return new ConsumptionQuery(g, f, t, p, c, readPath, true);
    }

    static Instant time(String name, String text, ZoneId zone) {
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // plant-local forms follow
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // plant-local forms follow
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // a date alone follows
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "an ISO time with offset (2026-03-02T08:00:00+08:00), or a "
                    + "plant-local 2026-03-02T08:00 or 2026-03-02", text);
        }
    }
}
