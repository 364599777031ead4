package io.wattline.web.accounting;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.SharedReports;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON of {@code GET /api/consumption}: the report's fields as they were, plus {@code cache}: where
 * the answer came from ({@code computed}, {@code shared} with an identical request in flight, or
 * {@code cached}) and when its data was read.
 */
public record ReportAnswer(@JsonUnwrapped ConsumptionReport report, Cache cache) {

    /** Where the answer came from and as of when. */
    public record Cache(String source, Instant dataAsOf) {
    }

    static ReportAnswer of(SharedReports.Answer a) {
        return new ReportAnswer(a.report(), new Cache(a.source().name().toLowerCase(Locale.ROOT), a.computedAt()));
    }
}
