package io.wattline.analytics.period;

/** Calendar periods of a report, in the plant's time zone; weeks start on Monday (ISO 8601). */
public enum PeriodKind { DAY, WEEK, MONTH }
