package io.wattline.analytics.kpi;

import io.wattline.analytics.InvalidQueryException;
import java.time.Instant;
import java.util.Objects;

/**
 * A baseline request: fit on the periods of [baselineFrom, baselineTo), compare the periods of
 * {@code reporting} with the fit. Degree-days are daily, so a temperature needs day, week or month
 * periods.
 *
 * @throws InvalidQueryException naming {@code baselineFrom}, {@code baselineTo} or {@code period}
 */
public record BaselineQuery(KpiQuery reporting, Instant baselineFrom, Instant baselineTo) {

    public BaselineQuery {
        Objects.requireNonNull(reporting, "reporting");
        if (baselineFrom == null) {
            throw new InvalidQueryException("baselineFrom", "the start of the baseline range, e.g. 2026-01-01", null);
        }
        if (baselineTo == null) {
            throw new InvalidQueryException("baselineTo", "the end of the baseline range, e.g. 2026-02-01", null);
        }
        if (!baselineFrom.isBefore(baselineTo)) {
            throw new InvalidQueryException("baselineTo", "a time after baselineFrom (" + baselineFrom + ")",
                    baselineTo.toString());
        }
        if (reporting.temperature() != null && reporting.period().equals("shift")) {
            throw new InvalidQueryException("period", "day|week|month with a temperature (degree-days are daily)",
                    reporting.period());
        }
    }

    /** The query of the baseline range. */
    public KpiQuery baseline() {
        return reporting.over(baselineFrom, baselineTo);
    }
}
