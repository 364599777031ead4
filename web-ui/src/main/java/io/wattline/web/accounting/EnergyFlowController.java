package io.wattline.web.accounting;

import io.wattline.analytics.flow.EnergyFlow;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.InvalidParameterException;
import io.wattline.core.plant.Plant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/energy-flow?carrier=&from=&to=}: the Sankey graph of one carrier (analytics'
 * {@link EnergyFlow}) down the plant tree, from the same reports {@code /api/consumption?group=area|line|equipment&period=day}
 * answer.
 */
@RestController
public class EnergyFlowController {

    private final AccountingService accounting;
    private final ZoneId zone;
    private final Plant plant;
    private final Clock clock;

    public EnergyFlowController(AccountingService accounting, RunningPlant plant, Clock clock) {
        this.accounting = accounting;
        this.zone = plant.plant().zone();
        this.plant = plant.plant();
        this.clock = clock;
    }

    @GetMapping(value = "/api/energy-flow", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<EnergyFlow> flow(@RequestParam(name = "carrier", required = false) String carrier,
            ReportParameters parameters) {
        EnergyCarrier c = carrier(carrier);
        Instant now = clock.instant();
        return Mono.fromCallable(() -> EnergyFlow.of(plant, accounting.report(query("area", parameters, now)),
                accounting.report(query("line", parameters, now)), accounting.report(query("equipment", parameters, now)),
                c)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The report {@code /api/consumption?group=GROUP&period=day} answers for the same range. */
    private ConsumptionQuery query(String group, ReportParameters parameters, Instant now) {
        return new ReportParameters(group, parameters.from(), parameters.to(), "day", null, parameters.path(), null,
                null, null, null, null, null).consumption(zone, now);
    }

    private static EnergyCarrier carrier(String text) {
        if (text == null || text.isBlank()) {
            return EnergyCarrier.ELECTRICITY;
        }
        try {
            return EnergyCarrier.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("carrier", "one of " + Arrays.toString(EnergyCarrier.values()), text);
        }
    }
}
