package io.wattline.web.accounting;

import io.wattline.analytics.kpi.ProductionEntry;
import io.wattline.web.api.InvalidParameterException;
import java.time.Instant;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * The JSON body of {@code POST /api/production} ({@code {line, from, to, count, note}}) read into a
 * {@link ProductionEntry} stamped with the time it was entered; each field that cannot be read is a
 * 400 naming it. Whether the line exists analytics checks.
 */
final class ProductionEntryRequest {

    private ProductionEntryRequest() {
    }

    static ProductionEntry parse(JsonNode body, ZoneId zone, Instant now) {
        String line = text(body, "line");
        String fromText = text(body, "from");
        String toText = text(body, "to");
        if (fromText == null) {
            throw new InvalidParameterException("from", "the start of the counted interval, e.g. 2026-03-02T08:00",
                    null);
        }
        if (toText == null) {
            throw new InvalidParameterException("to", "the end of the counted interval, e.g. 2026-03-02T16:00", null);
        }
        Instant from = ReportParameters.time("from", fromText, zone);
        Instant to = ReportParameters.time("to", toText, zone);
        if (!from.isBefore(to)) {
            throw new InvalidParameterException("to", "a time after from (" + from + ")", toText);
        }
        JsonNode count = body.path("count");
        if (!count.isNumber() || !Double.isFinite(count.asDouble()) || count.asDouble() < 0) {
            throw new InvalidParameterException("count", "a number >= 0 (units produced in the interval)",
                    count.isMissingNode() ? null : count.toString());
        }
        JsonNode note = body.path("note");
        if (!note.isMissingNode() && !note.isNull() && !note.isString()) {
            throw new InvalidParameterException("note", "text", note.toString());
        }
        if (line == null) {
            throw new InvalidParameterException("line", "a line id", null);
        }
        return new ProductionEntry(line.strip(), from, to, count.asDouble(), note.isString() ? note.asString() : null,
                now);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidParameterException(field, "text", v.toString());
        }
        return v.asString();
    }
}
