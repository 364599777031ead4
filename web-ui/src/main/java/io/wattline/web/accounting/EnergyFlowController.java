package io.wattline.web.accounting;

import io.wattline.analytics.flow.EnergyFlow;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.SharedReports;
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
import java.util.concurrent.CompletableFuture;
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

    private final SiteAnalytics sites;
    private final Clock clock;

    /** {@code site}: on a central node the site whose flow is drawn (from InfluxDB); elsewhere optional. */
    public EnergyFlowController(SiteAnalytics sites, RunningPlant plant, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    @GetMapping(value = "/api/energy-flow", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<EnergyFlow> flow(@RequestParam(name = "carrier", required = false) String carrier,
            @RequestParam(name = "site", required = false) String site, ReportParameters parameters) {
        SharedReports reports = sites.reports(site);
        Plant plant = sites.plant(site);
        ZoneId zone = plant.zone();
        EnergyCarrier c = carrier(carrier);
        Instant now = clock.instant();
        return Mono.fromCallable(() -> EnergyFlow.of(plant, report(reports, query("area", parameters, zone, now)),
                report(reports, query("line", parameters, zone, now)),
                report(reports, query("equipment", parameters, zone, now)),
                c)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The same shared computation {@code /api/consumption} answers from. */
    private static ConsumptionReport report(SharedReports reports, ConsumptionQuery q) {
        return reports.report(q, work -> CompletableFuture.completedFuture(work.get())).join().report();
    }

    /** The report {@code /api/consumption?group=GROUP&period=day} answers for the same range. */
    private static ConsumptionQuery query(String group, ReportParameters parameters, ZoneId zone, Instant now) {
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
