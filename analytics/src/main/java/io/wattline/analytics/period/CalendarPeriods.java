package io.wattline.analytics.period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Cuts a range of instants into local days, weeks or months of the plant's time zone. */
public final class CalendarPeriods {

    private CalendarPeriods() {
    }

    /** The periods of {@code kind} that overlap [from, to), each clipped to [from, to). */
    public static List<CalendarPeriod> split(Instant from, Instant to, ZoneId zone, PeriodKind kind) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: [" + from + ", " + to + ")");
        }
        List<CalendarPeriod> periods = new ArrayList<>();
        LocalDate first = periodStart(from.atZone(zone).toLocalDate(), kind);
        while (true) {
            LocalDate next = next(first, kind);
            Instant start = first.atStartOfDay(zone).toInstant();
            Instant end = next.atStartOfDay(zone).toInstant();
            if (!start.isBefore(to)) {
                break;
            }
            Instant clippedStart = start.isBefore(from) ? from : start;
            Instant clippedEnd = end.isAfter(to) ? to : end;
            if (clippedEnd.isAfter(clippedStart)) {
                periods.add(new CalendarPeriod(kind, first, clippedStart, clippedEnd));
            }
            first = next;
        }
        return periods;
    }

    static LocalDate periodStart(LocalDate day, PeriodKind kind) {
        return switch (kind) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    static LocalDate next(LocalDate periodStart, PeriodKind kind) {
        return switch (kind) {
            case DAY -> periodStart.plusDays(1);
            case WEEK -> periodStart.plusWeeks(1);
            case MONTH -> periodStart.plusMonths(1);
        };
    }
}
