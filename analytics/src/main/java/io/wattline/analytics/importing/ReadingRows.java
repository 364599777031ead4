package io.wattline.analytics.importing;

import io.wattline.core.PlainDecimal;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plausible.PlausibleValues;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks one CSV row of a readings file and turns it into a GOOD sample, or says what is wrong:
 * four columns; a configured meter and point that is a counter; a time (ISO with offset or plant-local)
 * inside the plausible window and not in the future; a value in the plain decimal grammar
 * ({@link PlainDecimal}), finite, not negative, below {@link #MAX_COUNTER} and inside the plant's plausible
 * range of the counter's quantity ({@link PlausibleValues}).
 */
final class ReadingRows {

    /** The earliest instant a reading may carry. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** No counter Wattline knows reads this much (a 64-bit register × 0.001 stays below 1.9e16). */
    static final double MAX_COUNTER = 1e16;

    private static final int MAX_CACHED_POINTS = 100_000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSS]");

    private final Function<PointId, Optional<Quantity>> quantities;
    private final PlausibleValues plausible;
    private final ZoneId zone;
    private final Instant now;
    // a plant has a few thousand points; the look-up is the same for every row of a meter
    private final Map<String, Object> points = new HashMap<>();

    ReadingRows(Function<PointId, Optional<Quantity>> quantities, PlausibleValues plausible, ZoneId zone, Instant now) {
        this.quantities = quantities;
        this.plausible = plausible;
        this.zone = zone;
        this.now = now;
    }

    /** A checked reading, or the reason it is refused. */
    record Checked(Sample sample, String problem) {
    }

    Checked check(List<String> f) {
        if (f.size() != 4) {
            return refused("expected 4 columns meter,point,time,value, found " + f.size());
        }
        String key = f.get(0) + '\u0000' + f.get(1);
        Object point = points.get(key);
        if (point == null) {
            point = point(f.get(0), f.get(1));
            if (points.size() < MAX_CACHED_POINTS) { // a file of endless unknown meters must not grow memory
                points.put(key, point);
            }
        }
        if (point instanceof String problem) {
            return refused(problem);
        }
        Counter counter = (Counter) point;
        Instant time;
        try {
            time = parseTime(f.get(2));
        } catch (DateTimeParseException e) {
            return refused("time '" + f.get(2) + "': expected ISO time with offset (2026-03-02T08:00:00+08:00) or "
                    + "plant-local '2026-03-02 08:00[:00]' (时间格式错误)");
        }
        if (time.isBefore(EARLIEST)) {
            return refused("time " + time + " is before " + EARLIEST + " (时间不合理)");
        }
        if (time.isAfter(now)) {
            return refused("time " + time + " is in the future (now " + now + ") (时间在未来)");
        }
        double value;
        try {
            value = PlainDecimal.parse(f.get(3));
        } catch (PlainDecimal.InvalidDecimalException e) {
            return refused("value " + e.getMessage() + " (读数不是数字)");
        }
        if (value < 0) {
            return refused("value " + f.get(3) + " is negative: a counter reading never is (累计读数不能为负)");
        }
        if (value >= MAX_COUNTER) {
            return refused("value " + f.get(3) + " is implausible: no counter reads " + MAX_COUNTER + " or more "
                    + "(读数不合理)");
        }
        Optional<String> implausible = plausible.problem(counter.quantity(), value);
        if (implausible.isPresent()) {
            return refused(implausible.get() + " (plausibleRanges in the plant file)");
        }
        return new Checked(Sample.good(counter.id(), time.truncatedTo(ChronoUnit.MICROS), value), null);
    }

    /** A configured counter point and its quantity. */
    private record Counter(PointId id, Quantity quantity) {
    }

    /** The {@link Counter}, or the reason it cannot be imported. */
    private Object point(String meter, String pointName) {
        if (!PointId.isValidDeviceId(meter) || !PointId.isValidPointName(pointName)) {
            return "meter '" + meter + "' / point '" + pointName + "' is not a valid point id";
        }
        PointId point = new PointId(meter, pointName);
        Optional<Quantity> quantity = quantities.apply(point);
        if (quantity.isEmpty()) {
            return "unknown point " + point + ": no configured meter has it (未知测点)";
        }
        if (!quantity.get().isCounter()) {
            return "point " + point + " is " + quantity.get() + ", not a counter: only counter readings can be "
                    + "imported (只能导入累计量)";
        }
        return new Counter(point, quantity.get());
    }

    private static Checked refused(String problem) {
        return new Checked(null, problem);
    }

    // a time-ordered file gives the same time to every meter in a row: parsed once (a fifth of an import's CPU)
    private String lastTimeText;
    private Instant lastTime;

    Instant parseTime(String text) {
        if (text.equals(lastTimeText)) {
            return lastTime;
        }
        Instant parsed = parseNew(text);
        lastTimeText = text;
        lastTime = parsed;
        return parsed;
    }

    private Instant parseNew(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
        }
    }
}
