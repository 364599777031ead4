package io.wattline.web.accounting;

import io.wattline.analytics.kpi.ProductionEntry;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.core.PointId;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.InvalidParameterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/kpi/specific-consumption}, {@code GET /api/kpi/baseline}, and production counts
 * entered by hand: {@code POST /api/production} and {@code GET /api/production}. Every bad
 * parameter is a 400 naming it.
 */
@RestController
public class KpiController {

    private final LineKpis kpis;
    private final ZoneId zone;
    private final Clock clock;

    public KpiController(LineKpis kpis, RunningPlant plant, Clock clock) {
        this.kpis = kpis;
        this.zone = plant.plant().zone();
        this.clock = clock;
    }

    @GetMapping(value = "/api/kpi/specific-consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LineKpis.SpecificConsumptionReport> specificConsumption(
            @RequestParam(name = "line", required = false) String line,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "carrier", required = false) String carrier,
            @RequestParam(name = "source", required = false) String source,
            @RequestParam(name = "temperature", required = false) String temperature,
            @RequestParam(name = "baseTemperature", required = false) String baseTemperature) {
        String l = kpis.line(line).id();
        ConsumptionQuery q = ConsumptionParameters.parse("line", from, to, period, carrier, null, zone, clock.instant());
        LineKpis.Source s = kpis.source(l, source);
        PointId t = temperature(temperature);
        double base = baseTemperature(baseTemperature);
        return Mono.fromCallable(() -> kpis.specificConsumption(l, q.from(), q.to(), q.period(), q.carrier(), s, t, base))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(value = "/api/kpi/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LineKpis.BaselineReport> baseline(
            @RequestParam(name = "line", required = false) String line,
            @RequestParam(name = "baselineFrom", required = false) String baselineFrom,
            @RequestParam(name = "baselineTo", required = false) String baselineTo,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "carrier", required = false) String carrier,
            @RequestParam(name = "source", required = false) String source,
            @RequestParam(name = "temperature", required = false) String temperature,
            @RequestParam(name = "baseTemperature", required = false) String baseTemperature) {
        String l = kpis.line(line).id();
        if (baselineFrom == null || baselineFrom.isBlank()) {
            throw new InvalidParameterException("baselineFrom", "the start of the baseline range, e.g. 2026-01-01",
                    baselineFrom);
        }
        if (baselineTo == null || baselineTo.isBlank()) {
            throw new InvalidParameterException("baselineTo", "the end of the baseline range, e.g. 2026-02-01",
                    baselineTo);
        }
        Instant bf = ConsumptionParameters.time("baselineFrom", baselineFrom, zone);
        Instant bt = ConsumptionParameters.time("baselineTo", baselineTo, zone);
        if (!bf.isBefore(bt)) {
            throw new InvalidParameterException("baselineTo", "a time after baselineFrom (" + bf + ")", baselineTo);
        }
        if (Duration.between(bf, bt).compareTo(ConsumptionParameters.MAX_RANGE) > 0) {
            throw new InvalidParameterException("baselineTo", "at most " + ConsumptionParameters.MAX_RANGE.toDays()
                    + " days after baselineFrom", baselineTo);
        }
        ConsumptionQuery q = ConsumptionParameters.parse("line", from, to, period, carrier, null, zone, clock.instant());
        LineKpis.Source s = kpis.source(l, source);
        PointId t = temperature(temperature);
        if (t != null && q.period().equals("shift")) {
            throw new InvalidParameterException("period", "day|week|month with a temperature (degree-days are daily)",
                    period);
        }
        double base = baseTemperature(baseTemperature);
        return Mono.fromCallable(() -> kpis.baseline(l, bf, bt, q.from(), q.to(), q.period(), q.carrier(), s, t, base))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Records a count entered by hand; 201 with the stored entry. */
    @PostMapping(value = "/api/production", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProductionEntry>> addProduction(@RequestBody JsonNode body) {
        String line = kpis.line(text(body, "line")).id();
        String fromText = text(body, "from");
        String toText = text(body, "to");
        if (fromText == null) {
            throw new InvalidParameterException("from", "the start of the counted interval, e.g. 2026-03-02T08:00",
                    null);
        }
        if (toText == null) {
            throw new InvalidParameterException("to", "the end of the counted interval, e.g. 2026-03-02T16:00", null);
        }
        Instant from = ConsumptionParameters.time("from", fromText, zone);
        Instant to = ConsumptionParameters.time("to", toText, zone);
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
        ProductionEntry entry = new ProductionEntry(line, from, to, count.asDouble(),
                note.isString() ? note.asString() : null, clock.instant());
        return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.CREATED).body(kpis.log().add(entry)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The counts entered by hand for a line that overlap [from, to) (default: today). */
    @GetMapping(value = "/api/production", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ProductionEntry> production(@RequestParam(name = "line", required = false) String line,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        String l = kpis.line(line).id();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Instant f = from == null || from.isBlank() ? today.atStartOfDay(zone).toInstant()
                : ConsumptionParameters.time("from", from, zone);
        Instant t = to == null || to.isBlank() ? today.plusDays(1).atStartOfDay(zone).toInstant()
                : ConsumptionParameters.time("to", to, zone);
        if (!f.isBefore(t)) {
            throw new InvalidParameterException("to", "a time after from (" + f + ")", to);
        }
        return kpis.log().entries(l, f, t);
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

    private PointId temperature(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        PointId id;
        try {
            id = PointId.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("temperature", "a point id device.point, e.g. outdoor-temp.temperature",
                    text);
        }
        if (!kpis.isTemperaturePoint(id)) {
            throw new InvalidParameterException("temperature", "a temperature point of a configured meter", text);
        }
        return id;
    }

    private static double baseTemperature(String text) {
        if (text == null || text.isBlank()) {
            return 18.0;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v) && v > -60 && v < 60) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("baseTemperature", "a base temperature in °C, e.g. 18", text);
    }
}
