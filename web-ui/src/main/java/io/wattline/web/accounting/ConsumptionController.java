package io.wattline.web.accounting;

import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.SharedReports;
import io.wattline.web.RunningPlant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/consumption} (JSON), {@code /api/consumption.csv} and {@code /api/consumption.xlsx}:
 * binds the request ({@link ReportParameters}), asks {@link AccountingService} through {@link SharedReports}
 * (identical requests share one computation; the {@value #CACHE_HEADER} header and the JSON's {@code cache}
 * say whether the answer was computed, shared or kept), renders.
 */
@RestController
public class ConsumptionController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Says where the answer came from: {@code computed}, {@code shared} or {@code cached}. */
    public static final String CACHE_HEADER = "Wattline-Cache";

    private final SharedReports reports;
    private final ZoneId zone;
    private final Clock clock;

    @Autowired
    public ConsumptionController(SharedReports reports, RunningPlant plant, Clock clock) {
        this.reports = reports;
        this.zone = plant.plant().zone();
        this.clock = clock;
    }

    /** Without a store to watch: identical requests in flight are shared, nothing is kept. */
    public ConsumptionController(AccountingService accounting, RunningPlant plant, Clock clock) {
        this(SharedReports.inFlightOnly(accounting::report, clock), plant, clock);
    }

    @GetMapping(value = "/api/consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ReportAnswer>> consumption(ReportParameters parameters) {
        return report(parameters.consumption(zone, clock.instant()))
                .map(a -> ResponseEntity.ok().header(CACHE_HEADER, source(a)).body(ReportAnswer.of(a)));
    }

    @GetMapping("/api/consumption.csv")
    public Mono<ResponseEntity<byte[]>> csv(ReportParameters parameters) {
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(q).map(a -> download(ConsumptionCsv.write(a.report()).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), fileName(q, "csv"), a));
    }

    @GetMapping("/api/consumption.xlsx")
    public Mono<ResponseEntity<byte[]>> xlsx(ReportParameters parameters) {
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(q).map(a -> download(ConsumptionWorkbook.write(a.report()), XLSX, fileName(q, "xlsx"), a));
    }

    private Mono<SharedReports.Answer> report(ConsumptionQuery q) {
        // DuckDB reads block: keep them off the event loop.
        return Mono.fromCallable(() -> reports.report(q)).subscribeOn(Schedulers.boundedElastic());
    }

    private static String source(SharedReports.Answer a) {
        return a.source().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name, SharedReports.Answer a) {
        return ResponseEntity.ok().contentType(type).header(CACHE_HEADER, source(a))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private String fileName(ConsumptionQuery q, String ext) {
        return "consumption-" + q.group() + "-" + q.period() + "-" + q.from().atZone(zone).toLocalDate() + "." + ext;
    }
}
