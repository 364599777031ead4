package io.wattline.web.accounting;

import io.wattline.analytics.kpi.BaselineQuery;
import io.wattline.analytics.kpi.KpiQuery;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.PointId;
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
 * The query parameters of the report endpoints ({@code /api/consumption*}, {@code /api/kpi/*},
 * {@code GET /api/production}), bound once per request and read into analytics' query records. Times:
 * ISO with offset, or plant-local {@code 2026-03-02} / {@code 2026-03-02T08:00}; default today
 * (plant-local) from midnight to midnight; a range covers at most {@link #MAX_RANGE}. Text that
 * cannot be read is a 400 naming the parameter here; what needs the plant (an unknown line, a
 * source the line lacks) analytics refuses, also naming it.
 */
public record ReportParameters(String group, String from, String to, String period, String carrier, String path,
        String line, String source, String temperature, String baseTemperature, String baselineFrom,
        String baselineTo) {

    /** Longest range one request may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(400);

    /** A range of time as the request gives it, defaults applied. */
    public record Range(Instant from, Instant to) {
    }

    /** {@code /api/consumption}: group (default line), range, period (default day), carrier, read path; with demand. */
    public ConsumptionQuery consumption(ZoneId zone, Instant now) {
        Range r = range(zone, now);
        return new ConsumptionQuery(lower(group, "line"), r.from(), r.to(), lower(period, "day"), carrierValue(),
                readPath(), true);
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
            limit("baselineTo", "baselineFrom", bf, bt, baselineTo);
        }
        return new BaselineQuery(reporting, bf, bt);
    }

    /** {@code from} and {@code to}, default today (plant-local). */
    public Range range(ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant f = blank(from) ? today.atStartOfDay(zone).toInstant() : time("from", from, zone);
        Instant t = blank(to) ? today.plusDays(1).atStartOfDay(zone).toInstant() : time("to", to, zone);
        if (!f.isBefore(t)) {
            throw new InvalidParameterException("to", "a time after from (" + f + ")", to);
        }
        limit("to", "from", f, t, to);
        return new Range(f, t);
    }

    /**
     * A time parameter: ISO with offset ({@code 2026-03-02T08:00:00+08:00}), or plant-local
     * {@code 2026-03-02T08:00} or {@code 2026-03-02}.
     */
    public static Instant time(String name, String text, ZoneId zone) {
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

    private static void limit(String name, String startName, Instant start, Instant end, String text) {
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidParameterException(name, "at most " + MAX_RANGE.toDays() + " days after " + startName,
                    text);
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
            throw new InvalidParameterException("temperature", "a point id device.point, e.g. outdoor-temp.temperature",
                    temperature);
        }
    }

    private double baseTemperatureValue() {
        if (blank(baseTemperature)) {
            return KpiQuery.DEFAULT_BASE_TEMPERATURE;
        }
        try {
            return Double.parseDouble(baseTemperature.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("baseTemperature", "a base temperature in °C, e.g. 18",
                    baseTemperature);
        }
    }

    private static String lower(String text, String fallback) {
        return blank(text) ? fallback : text.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
