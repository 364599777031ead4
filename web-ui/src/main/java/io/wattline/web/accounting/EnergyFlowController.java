package io.wattline.web.accounting;

import io.wattline.analytics.flow.EnergyFlow;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.InvalidParameterException;
import java.time.Clock;
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
 * {@link EnergyFlow}) from the same report {@code /api/consumption?group=line&period=day} answers.
 */
@RestController
public class EnergyFlowController {

    private final AccountingService accounting;
    private final ZoneId zone;
    private final Clock clock;

    public EnergyFlowController(AccountingService accounting, RunningPlant plant, Clock clock) {
        this.accounting = accounting;
        this.zone = plant.plant().zone();
        this.clock = clock;
    }

    @GetMapping(value = "/api/energy-flow", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<EnergyFlow> flow(@RequestParam(name = "carrier", required = false) String carrier,
            ReportParameters parameters) {
        EnergyCarrier c = carrier(carrier);
        ConsumptionQuery byLine = new ReportParameters("line", parameters.from(), parameters.to(), "day", null,
                parameters.path(), null, null, null, null, null, null).consumption(zone, clock.instant());
        return Mono.fromCallable(() -> EnergyFlow.of(accounting.report(byLine), c))
                .subscribeOn(Schedulers.boundedElastic());
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
