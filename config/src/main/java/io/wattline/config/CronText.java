package io.wattline.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a Quartz cron expression ({@code seconds minutes hours day-of-month month day-of-week [year]})
 * field by field, so a wrong schedule is reported at its line in the plant file rather than when the
 * scheduler starts. The scheduler (reports module) parses the same text with Quartz itself.
 */
final class CronText {

    private record Field(String name, int min, int max, Pattern extra) {
    }

    private static final Pattern NONE = Pattern.compile("a^");
    private static final List<Field> FIELDS = List.of(
            new Field("seconds", 0, 59, NONE),
            new Field("minutes", 0, 59, NONE),
            new Field("hours", 0, 23, NONE),
            new Field("day-of-month", 1, 31, Pattern.compile("\\?|L(-[0-9]{1,2})?|LW|[0-9]{1,2}W")),
            new Field("month", 1, 12, NONE),
            new Field("day-of-week", 1, 7, Pattern.compile("\\?|[1-7]?L|[1-7]#[1-5]")),
            new Field("year", 1970, 2199, NONE));
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronText() {
    }

    /** What is wrong with {@code text} as a Quartz cron expression, or empty when it is one. */
    static Optional<String> problem(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 6 || parts.length > 7) {
            return Optional.of("a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month"
                    + " day-of-week [year]), got " + parts.length + "; e.g. \"0 0 1 1 * ?\" for 01:00 on the 1st");
        }
        for (int i = 0; i < parts.length; i++) {
            Field f = FIELDS.get(i);
            String value = parts[i].toUpperCase(Locale.ROOT);
            if (!f.extra().matcher(value).matches() && !list(value, f)) {
                return Optional.of("field " + (i + 1) + " (" + f.name() + ") '" + parts[i] + "' is not *, a number "
                        + f.min() + "-" + f.max() + ", a range a-b, a step x/n or a list of them");
            }
        }
        boolean dayOfMonthAny = parts[3].equals("?");
        boolean dayOfWeekAny = parts[5].equals("?");
        if (dayOfMonthAny == dayOfWeekAny) {
            return Optional.of("exactly one of day-of-month (field 4) and day-of-week (field 6) must be '?', e.g."
                    + " \"0 0 1 1 * ?\" or \"0 0 8 ? * MON\"");
        }
        return Optional.empty();
    }

    private static boolean list(String value, Field f) {
        for (String item : value.split(",", -1)) {
            String[] step = item.split("/", -1);
            if (step.length > 2 || (step.length == 2 && !step[1].matches("[0-9]{1,4}"))
                    || (step.length == 2 && Integer.parseInt(step[1]) == 0)) {
                return false;
            }
            String range = step[0];
            if (range.equals("*")) {
                continue;
            }
            String[] ends = range.split("-", -1);
            if (ends.length > 2) {
                return false;
            }
            for (String end : ends) {
                if (number(end, f) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The value of a number or month/day name within the field's bounds, or -1. */
    private static int number(String text, Field f) {
        int value;
        if (text.matches("[0-9]{1,4}")) {
            value = Integer.parseInt(text);
        } else if (f.name().equals("month") && MONTHS.contains(text)) {
            value = MONTHS.indexOf(text) + 1;
        } else if (f.name().equals("day-of-week") && DAYS.contains(text)) {
            value = DAYS.indexOf(text) + 1;
        } else {
            return -1;
        }
        return value >= f.min() && value <= f.max() ? value : -1;
    }
}
