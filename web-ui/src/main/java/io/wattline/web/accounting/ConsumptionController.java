package io.wattline.web.accounting;

import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.web.RunningPlant;
import io.wattline.web.load.ReportPool;
import org.springframework.beans.factory.annotation.Autowired;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/consumption} (JSON), {@code /api/consumption.csv} and {@code /api/consumption.xlsx}:
 * binds the request ({@link ReportParameters}), asks {@link AccountingService}, renders.
 */
@RestController
public class ConsumptionController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final AccountingService accounting;
    private final ZoneId zone;
    private final Clock clock;
    private final ReportPool pool;

    @Autowired
    public ConsumptionController(AccountingService accounting, RunningPlant plant, Clock clock, ReportPool pool) {
        this.accounting = accounting;
        this.zone = plant.plant().zone();
        this.clock = clock;
        this.pool = pool;
    }

    /** With the shared default report pool (controllers built by hand). */
    public ConsumptionController(AccountingService accounting, RunningPlant plant, Clock clock) {
        this(accounting, plant, clock, ReportPool.shared());
    }

    @GetMapping(value = "/api/consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ConsumptionReport> consumption(ReportParameters parameters) {
        return report(parameters.consumption(zone, clock.instant()));
    }

    @GetMapping("/api/consumption.csv")
    public Mono<ResponseEntity<byte[]>> csv(ReportParameters parameters) {
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(q).map(r -> download(ConsumptionCsv.write(r).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), fileName(q, "csv")));
    }

    @GetMapping("/api/consumption.xlsx")
    public Mono<ResponseEntity<byte[]>> xlsx(ReportParameters parameters) {
        ConsumptionQuery q = parameters.consumption(zone, clock.instant());
        return report(q).map(r -> download(ConsumptionWorkbook.write(r), XLSX, fileName(q, "xlsx")));
    }

    private Mono<ConsumptionReport> report(ConsumptionQuery q) {
        // DuckDB reads block: on the bounded report pool, off the event loop (503 when it is full).
        return pool.submit("the consumption report", () -> accounting.report(q));
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private String fileName(ConsumptionQuery q, String ext) {
        return "consumption-" + q.group() + "-" + q.period() + "-" + q.from().atZone(zone).toLocalDate() + "." + ext;
    }
}
