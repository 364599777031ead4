package io.wattline.analytics.kpi;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.SeriesReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Heating degree-days of a period from a temperature point in the historian: Σ over the plant-local
 * days of the period of max(0, base − that day's mean temperature), the mean taken over the GOOD
 * readings of the day that fall inside the period; a day without one adds nothing.
 */
public final class HeatingDegreeDays {

    /** More readings than a day of one-second samples: a day's readings are never cut short. */
    static final int MAX_READINGS_PER_DAY = 1_000_000;

    private final SeriesReader reader;
    private final ZoneId zone;

    public HeatingDegreeDays(SeriesReader reader, ZoneId zone) {
        this.reader = reader;
        this.zone = zone;
    }

    public double over(PointId temperature, Instant start, Instant end, double baseDegC) {
        List<Double> means = new ArrayList<>();
        for (LocalDate d = start.atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant().isBefore(end);
                d = d.plusDays(1)) {
            Instant a = later(start, d.atStartOfDay(zone).toInstant());
            Instant b = earlier(end, d.plusDays(1).atStartOfDay(zone).toInstant());
            double sum = 0;
            int n = 0;
            for (Sample s : reader.range(temperature, a, b, MAX_READINGS_PER_DAY)) {
                if (s.quality() == Quality.GOOD && s.time().isBefore(b)) {
                    sum += s.value();
                    n++;
                }
            }
            if (n > 0) {
                means.add(sum / n);
            }
        }
        return DegreeDays.heating(means, baseDegC);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
