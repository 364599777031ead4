package io.wattline.web.accounting;

import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.SharedReports;
import io.wattline.web.RunningPlant;
import io.wattline.web.load.ReportPool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/consumption} (JSON), {@code /api/consumption.csv} and {@code /api/consumption.xlsx}:
 * binds the request ({@link ReportParameters}), asks {@link AccountingService} through {@link SharedReports}
 * (identical requests share one computation; the {@value #CACHE_HEADER} header and the JSON's {@code cache}
 * say whether the answer was computed, shared or kept), renders. Only a computation takes a place in the
 * bounded {@link ReportPool}; a request that shares one or gets a kept report does not.
 */
@RestController
public class ConsumptionController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Says where the answer came from: {@code computed}, {@code shared} or {@code cached}. */
    public static final String CACHE_HEADER = "Wattline-Cache";

    private final SiteAnalytics sites;
    private final Clock clock;
    private final ReportPool pool;

    @Autowired
    public ConsumptionController(SiteAnalytics sites, RunningPlant plant, Clock clock, ReportPool pool) {
        this.sites = sites;
        this.clock = clock;
        this.pool = pool;
    }

    /**
     * Built by hand (tests): the shared default report pool, and no store to watch, so identical
     * requests in flight are shared and nothing is kept.
     */
    public ConsumptionController(AccountingService accounting, RunningPlant plant, Clock clock) {
        this(new LocalSiteAnalytics(SharedReports.inFlightOnly(accounting::report, clock), null, plant.plant(),
                plant.plant().sites().stream().map(s -> s.id()).toList()), plant, clock, ReportPool.shared());
    }

    @GetMapping(value = "/api/consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ReportAnswer>> consumption(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        return report(site, parameters.consumption(sites.plant(site).zone(), clock.instant()))
                .map(a -> ResponseEntity.ok().header(CACHE_HEADER, source(a)).body(ReportAnswer.of(a)));
    }

    @GetMapping("/api/consumption.csv")
    public Mono<ResponseEntity<byte[]>> csv(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        ZoneId zone = sites.plant(site).zone();
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(site, q).map(a -> download(ConsumptionCsv.write(a.report()).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), fileName(q, zone, "csv"), a));
    }

    @GetMapping("/api/consumption.xlsx")
    public Mono<ResponseEntity<byte[]>> xlsx(ReportParameters parameters,
            @RequestParam(name = "site", required = false) String site) {
        ZoneId zone = sites.plant(site).zone();
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(site, q).map(a -> download(ConsumptionWorkbook.write(a.report()), XLSX, fileName(q, zone, "xlsx"), a));
    }

    /** {@code site}: on a central node the site to report (its history in InfluxDB); elsewhere optional. */
    private Mono<SharedReports.Answer> report(String site, ConsumptionQuery q) {
        SharedReports reports = sites.reports(site);
        // DuckDB reads block: a computation runs on the bounded report pool, off the event loop (503 when full)
        return Mono.defer(() -> Mono.fromFuture(reports.report(q,
                work -> pool.submit("the consumption report", work::get).toFuture())));
    }

    private static String source(SharedReports.Answer a) {
        return a.source().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name, SharedReports.Answer a) {
        return ResponseEntity.ok().contentType(type).header(CACHE_HEADER, source(a))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private static String fileName(ConsumptionQuery q, ZoneId zone, String ext) {
        return "consumption-" + q.group() + "-" + q.period() + "-" + q.from().atZone(zone).toLocalDate() + "." + ext;
    }
}
