package io.wattline.reports.period;

import io.wattline.analytics.period.ShiftPeriods;
import io.wattline.analytics.period.ShiftSlice;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.report.ReportType.PeriodKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import io.wattline.core.plausible.PlausibleTime;
import java.time.DateTimeException;
import java.util.List;

/**
 * Periods of a plant: parsed from their labels (the API's and the command line's {@code --period}),
 * and the one a scheduled run covers: the latest whole period that ended at or before its fire time
 * (01:00 on the 1st reports the month before; a run at a shift's end reports that shift).
 */
public final class ReportPeriods {

    private final ZoneId zone;
    private final ShiftCalendar shifts;

    public ReportPeriods(ZoneId zone, ShiftCalendar shifts) {
        this.zone = zone;
        this.shifts = shifts;
    }

    /**
     * @throws IllegalArgumentException naming what was expected when {@code label} is no period of {@code kind}
     */
    public ReportPeriod parse(PeriodKind kind, String label) {
        ReportPeriod period;
        try {
            period = switch (kind) {
                case MONTH -> month(YearMonth.parse(label));
                case DAY -> day(LocalDate.parse(label));
                case SHIFT -> shift(label);
            };
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(expected(kind) + ", got '" + label + "'", e);
        }
        // year 0001 or 9999 is a typing error, and would have every counter searched back for nothing
        if (!PlausibleTime.contains(period.from()) || !PlausibleTime.contains(period.to())) {
            throw new IllegalArgumentException(expected(kind) + " inside " + PlausibleTime.describe() + ", got '"
                    + label + "'");
        }
        return period;
    }

    /** What a label of {@code kind} looks like, for messages. */
    public static String expected(PeriodKind kind) {
        return switch (kind) {
            case MONTH -> "a month YYYY-MM, e.g. 2026-10";
            case DAY -> "a day YYYY-MM-DD, e.g. 2026-10-05";
            case SHIFT -> "a shift DAY.SHIFT (the production day and the shift id), e.g. 2026-10-05.morning";
        };
    }

    public ReportPeriod month(YearMonth month) {
        return new ReportPeriod(PeriodKind.MONTH, month.toString(), month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    public ReportPeriod day(LocalDate day) {
        return new ReportPeriod(PeriodKind.DAY, day.toString(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private ReportPeriod shift(String label) {
        int dot = label.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(expected(PeriodKind.SHIFT) + ", got '" + label + "'");
        }
        LocalDate day = LocalDate.parse(label.substring(0, dot));
        String shiftId = label.substring(dot + 1);
        Instant from = day.atStartOfDay(zone).toInstant();
        for (ShiftSlice s : ShiftPeriods.slices(shifts, zone, from, from.plus(Duration.ofDays(2)))) {
            if (s.instance().productionDay().equals(day) && s.instance().shift().id().equals(shiftId)) {
                return of(s);
            }
        }
        throw new IllegalArgumentException("no shift '" + shiftId + "' on " + day + " (shifts: "
                + String.join(", ", shifts.shifts().stream().map(x -> x.id()).toList()) + ")");
    }

    private static ReportPeriod of(ShiftSlice s) {
        return new ReportPeriod(PeriodKind.SHIFT, s.instance().productionDay() + "." + s.instance().shift().id(),
                s.start(), s.end());
    }

    /** The latest whole period of {@code kind} that ended at or before {@code fireTime}. */
    public ReportPeriod endedBy(PeriodKind kind, Instant fireTime) {
        ZonedDateTime local = fireTime.atZone(zone);
        return switch (kind) {
            case MONTH -> {
                YearMonth m = YearMonth.from(local);
                ReportPeriod current = month(m);
                yield current.to().isAfter(fireTime) ? month(m.minusMonths(1)) : current;
            }
            case DAY -> {
                ReportPeriod today = day(local.toLocalDate());
                yield today.to().isAfter(fireTime) ? day(local.toLocalDate().minusDays(1)) : today;
            }
            case SHIFT -> {
                List<ShiftSlice> slices = ShiftPeriods.slices(shifts, zone, fireTime.minus(Duration.ofDays(3)),
                        fireTime.plus(Duration.ofDays(1)));
                ShiftSlice last = null;
                for (ShiftSlice s : slices) {
                    if (!s.end().isAfter(fireTime)) {
                        last = s;
                    }
                }
                if (last == null) {
                    throw new IllegalStateException("no shift ended in the three days before " + fireTime);
                }
                yield of(last);
            }
        };
    }
}
