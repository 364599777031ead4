package io.wattline.web.accounting;

import io.wattline.analytics.kpi.BaselineQuery;
import io.wattline.analytics.kpi.BaselineReport;
import io.wattline.analytics.kpi.KpiQuery;
import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionEntry;
import io.wattline.analytics.kpi.SpecificConsumptionReport;
import io.wattline.web.RunningPlant;
import io.wattline.web.load.ReportPool;
import io.wattline.web.load.WriteGuard;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/kpi/specific-consumption}, {@code GET /api/kpi/baseline}, and production counts
 * entered by hand: {@code POST /api/production} and {@code GET /api/production}. Binds the request
 * ({@link ReportParameters}), calls {@link LineKpis}, renders; every bad parameter is a 400 naming it.
 */
@RestController
public class KpiController {

    private final SiteAnalytics sites;
    private final Clock clock;
    private final ReportPool pool;
    private final WriteGuard writeGuard;

    public KpiController(LineKpis kpis, RunningPlant plant, Clock clock) {
        this(kpis, plant, clock, ReportPool.shared(), WriteGuard.none());
    }

    /** Built by hand (tests): the plant's own KPIs. */
    public KpiController(LineKpis kpis, RunningPlant plant, Clock clock, ReportPool pool, WriteGuard writeGuard) {
        this(new LocalSiteAnalytics(null, kpis, plant.plant(), plant.plant().sites().stream().map(s -> s.id()).toList()), plant,
                clock, pool, writeGuard);
    }

    @Autowired
    public KpiController(SiteAnalytics sites, RunningPlant plant, Clock clock, ReportPool pool, WriteGuard writeGuard) {
        this.pool = pool;
        this.writeGuard = writeGuard;
        this.sites = sites;
        this.clock = clock;
    }

    @GetMapping(value = "/api/kpi/specific-consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SpecificConsumptionReport> specificConsumption(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        LineKpis kpis = sites.kpis(site);
        KpiQuery q = parameters.kpi(sites.plant(site).zone(), clock.instant());
        return pool.submit("the specific-consumption report", () -> kpis.specificConsumption(q));
    }

    @GetMapping(value = "/api/kpi/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<BaselineReport> baseline(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        LineKpis kpis = sites.kpis(site);
        BaselineQuery q = parameters.baseline(sites.plant(site).zone(), clock.instant());
        return pool.submit("the baseline report", () -> kpis.baseline(q));
    }

    /** Records a count entered by hand; 201 with the stored entry. */
    @PostMapping(value = "/api/production", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProductionEntry>> addProduction(@RequestBody JsonNode body,
            @RequestParam(name = "site", required = false) String site, ServerWebExchange exchange) {
        LineKpis kpis = sites.kpis(site);
        ProductionEntry entry = ProductionEntryRequest.parse(body, sites.plant(site).zone(), clock.instant());
        writeGuard.check("the production entry"); // 503 at once while the data volume is low on space
        exchange.getAttributes().put(io.wattline.web.audit.AuditedRequests.DETAIL, "line " + entry.lineId()
                + ", count " + entry.count() + " from " + entry.from() + " to " + entry.to());
        return offEventLoop(() -> ResponseEntity.status(HttpStatus.CREATED).body(kpis.addProduction(entry)));
    }

    /** The counts entered by hand for a line that overlap [from, to) (default: today). */
    @GetMapping(value = "/api/production", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ProductionEntry> production(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        LineKpis kpis = sites.kpis(site);
        ReportParameters.Range r = parameters.range(sites.plant(site).zone(), clock.instant());
        return kpis.production(parameters.line(), r.from(), r.to());
    }

    /** Historian reads and the log's disk writes block: keep them off the event loop. */
    private static <T> Mono<T> offEventLoop(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
