package io.wattline.web.accounting;

import io.wattline.analytics.kpi.BaselineQuery;
import io.wattline.analytics.kpi.KpiQuery;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.PointId;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.web.api.InvalidParameterException;
import io.wattline.web.api.RequestBounds;
import java.time.DateTimeException;
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
 * The query parameters of the report endpoints ({@code /api/consumption*}, {@code /api/kpi/*},
 * {@code GET /api/production}), bound once per request and read into analytics' query records. Times:
 * ISO with offset, or plant-local {@code 2026-03-02} / {@code 2026-03-02T08:00}; default today
 * (plant-local) from midnight to midnight; every time inside the plausible window 1970–2200; a range
 * covers at most {@link #MAX_RANGE} (consumption: per period and read path, {@link #maxRange}). Text that
 * cannot be read is a 400 naming the parameter here; what needs the plant (an unknown line, a
 * source the line lacks) analytics refuses, also naming it.
 */
public record ReportParameters(String group, String from, String to, String period, String carrier, String path,
        String line, String source, String temperature, String baseTemperature, String baselineFrom,
        String baselineTo) {

    /** Longest range one request may cover (consumption by day, KPIs, production). */
    static final Duration MAX_RANGE = Duration.ofDays(400);
    /** Longest range of a consumption report by shift, which has three rows a day per group. */
    static final Duration MAX_SHIFT_RANGE = Duration.ofDays(93);
    /** Longest range of a consumption report by week or month. */
    static final Duration MAX_LONG_RANGE = Duration.ofDays(5 * 366);
    /** Longest range of a consumption report read from raw samples ({@code path=raw}) instead of rollups. */
    static final Duration MAX_RAW_RANGE = Duration.ofDays(31);
    /** The base temperature of degree days, in °C. */
    static final double MIN_BASE_TEMPERATURE = -50;
    static final double MAX_BASE_TEMPERATURE = 50;

    /** A range of time as the request gives it, defaults applied. */
    public record Range(Instant from, Instant to) {
    }

    /** {@code /api/consumption}: group (default line), range, period (default day), carrier, read path; with demand. */
    public ConsumptionQuery consumption(ZoneId zone, Instant now) {
        String p = lower(period, "day");
        ReadPath readPath = readPath();
        Duration max = maxRange(p, readPath);
        Range r = range(zone, now, max, "for period=" + p + (readPath == ReadPath.RAW ? " and path=raw" : ""));
        return new ConsumptionQuery(lower(group, "line"), r.from(), r.to(), p, carrierValue(), readPath, true);
    }

    /** The longest range a consumption report of {@code period} read through {@code path} may cover. */
    static Duration maxRange(String period, ReadPath path) {
        Duration max = switch (period) {
            case "shift" -> MAX_SHIFT_RANGE;
            case "week", "month" -> MAX_LONG_RANGE;
            default -> MAX_RANGE;
        };
        return path == ReadPath.RAW && max.compareTo(MAX_RAW_RANGE) > 0 ? MAX_RAW_RANGE : max;
    }

    /** {@code /api/kpi/specific-consumption}: line, range, period, carrier, source, temperature point and base. */
    public KpiQuery kpi(ZoneId zone, Instant now) {
        Range r = range(zone, now);
        return new KpiQuery(line, r.from(), r.to(), lower(period, "day"), carrierValue(), source, temperaturePoint(),
                baseTemperatureValue());
    }

    /** {@code /api/kpi/baseline}: the KPI parameters of the reporting range, and the baseline range. */
    public BaselineQuery baseline(ZoneId zone, Instant now) {
        KpiQuery reporting = kpi(zone, now);
        Instant bf = blank(baselineFrom) ? null : time("baselineFrom", baselineFrom, zone);
        Instant bt = blank(baselineTo) ? null : time("baselineTo", baselineTo, zone);
        if (bf != null && bt != null) {
            limit("baselineTo", "baselineFrom", bf, bt, baselineTo, MAX_RANGE, "");
        }
        return new BaselineQuery(reporting, bf, bt);
    }

    /** {@code from} and {@code to}, default today (plant-local). */
    public Range range(ZoneId zone, Instant now) {
        return range(zone, now, MAX_RANGE, "");
    }

    private Range range(ZoneId zone, Instant now, Duration max, String why) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant f = blank(from) ? today.atStartOfDay(zone).toInstant() : time("from", from, zone);
        Instant t = blank(to) ? today.plusDays(1).atStartOfDay(zone).toInstant() : time("to", to, zone);
        if (!f.isBefore(t)) {
            throw new InvalidParameterException("to", "a time after from (" + f + ")", to);
        }
        limit("to", "from", f, t, to, max, why);
        return new Range(f, t);
    }

    /**
     * A time parameter: ISO with offset ({@code 2026-03-02T08:00:00+08:00}), or plant-local
     * {@code 2026-03-02T08:00} or {@code 2026-03-02}.
     */
    public static Instant time(String name, String text, ZoneId zone) {
        Instant t;
        try {
            t = parseTime(name, text, zone);
        } catch (DateTimeException e) {
            // a year the zone rules or Instant cannot hold (e.g. +999999999-12-31T23:00-18:00)
            throw new InvalidParameterException(name, io.wattline.core.plausible.PlausibleTime.describe(), text);
        }
        return RequestBounds.plausible(name, t, text);
    }

    private static Instant parseTime(String name, String text, ZoneId zone) {
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

    private static void limit(String name, String startName, Instant start, Instant end, String text, Duration max,
            String why) {
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw new InvalidParameterException(name, "at most " + max.toDays() + " days after " + startName
                    + (why.isEmpty() ? "" : " " + why), text);
        }
    }

    private EnergyCarrier carrierValue() {
        if (blank(carrier)) {
            return null;
        }
        EnergyCarrier c;
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
        return c;
    }

    private ReadPath readPath() {
        if (blank(path)) {
            return ReadPath.ROLLUP;
        }
        try {
            return ReadPath.valueOf(path.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("path", "rollup|raw", path);
        }
    }

    private PointId temperaturePoint() {
        if (blank(temperature)) {
            return null;
        }
        try {
            return PointId.parse(temperature.strip());
        } catch (IllegalArgumentException e) {
            // also a quote, a space or a slash: a point id is device.point in letters, digits, '-' and '_'

            throw new InvalidParameterException("temperature", "a point id device.point, e.g. outdoor-temp.temperature",
                    temperature);
        }
    }

    private double baseTemperatureValue() {
        if (blank(baseTemperature)) {
            return KpiQuery.DEFAULT_BASE_TEMPERATURE;
        }
        return RequestBounds.decimal("baseTemperature", baseTemperature, MIN_BASE_TEMPERATURE,
                MAX_BASE_TEMPERATURE, "a base temperature in °C (e.g. 18)");
    }

    private static String lower(String text, String fallback) {
        return blank(text) ? fallback : text.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
