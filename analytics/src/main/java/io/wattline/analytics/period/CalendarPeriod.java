package io.wattline.analytics.period;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One calendar period [start, end), clipped to the range it was cut from; {@code firstDay} is the
 * local date the whole period starts on (the Monday of a week, the 1st of a month).
 */
public record CalendarPeriod(PeriodKind kind, LocalDate firstDay, Instant start, Instant end) {
}
