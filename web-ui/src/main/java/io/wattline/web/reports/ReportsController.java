package io.wattline.web.reports;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.core.report.ReportDefinition;
import io.wattline.reports.ReportService;
import io.wattline.reports.UnknownReportException;
import io.wattline.reports.archive.ArchivedRun;
import io.wattline.reports.bills.BillImport;
import io.wattline.reports.bills.BillRegister;
import io.wattline.reports.bills.UtilityBill;
import io.wattline.reports.delivery.ReportAudit;
import io.wattline.reports.period.ReportPeriods;
import io.wattline.web.api.ApiError;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finance reports over HTTP: the configured reports and the archive ({@code GET /api/reports}), a
 * file of a run ({@code GET /api/reports/runs/{run}/files/{name}}), a run for any past period
 * ({@code POST /api/reports/{id}/runs?period=2026-10}), and the utility bills
 * ({@code GET/POST /api/reports/bills}, {@code POST /api/reports/bills.csv}). Runs, downloads and
 * bill entries are audited with the user the request carries. Roles (docs/api.md): viewer reads,
 * operator or engineer runs reports and enters bills.
 */
@RestController
public class ReportsController {

    private final SiteReports sites;
    private final ReportAudit audit;
    private final Clock clock;

    /** Built by hand (tests): one plant's reports. */
    public ReportsController(ReportService reports, BillRegister bills, ReportAudit audit, Clock clock) {
        this(new SiteReports.Local(reports, bills, reports.context().plant().sites().stream().map(s -> s.id())
                .toList()), audit, clock);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ReportsController(SiteReports sites, ReportAudit audit, Clock clock) {
        this.sites = sites;
        this.audit = audit;
        this.clock = clock;
    }

    /** One configured report as the API shows it. */
    public record DefinitionView(String id, String name, String type, String period, String periodFormat,
            String schedule, List<String> formats, String language, List<String> lines, List<String> costCentres,
            int recipients, String folder) {
        static DefinitionView of(ReportDefinition d) {
            return new DefinitionView(d.id(), d.name(), d.type().id(), d.type().periodKind().name().toLowerCase(),
                    ReportPeriods.expected(d.type().periodKind()), d.schedule(),
                    d.formats().stream().map(f -> f.extension()).toList(), d.language(), d.scope().lines(),
                    d.scope().costCentres(), d.recipients().size(), d.folder());
        }
    }

    /** The answer of {@code GET /api/reports}. */
    public record ReportsView(List<DefinitionView> definitions, List<ArchivedRun> runs) {
    }

    @GetMapping(value = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ReportsView> list(@RequestParam(required = false) String report,
            @RequestParam(required = false) String site) {
        ReportService reports = sites.reportService(site);
        return blocking(() -> new ReportsView(reports.definitions().stream().map(DefinitionView::of).toList(),
                reports.archive().runs().stream().filter(r -> report == null || r.definition().equals(report))
                        .toList()));
    }

    @PostMapping(value = "/api/reports/{id}/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ArchivedRun>> run(@PathVariable String id, @RequestParam(required = false) String period,
            @RequestParam(required = false) String site, ServerWebExchange exchange) {
        ReportService reports = sites.reportService(site);
        if (period == null || period.isBlank()) {
            ReportDefinition def = reports.definition(id);
            throw new InvalidQueryException("period", ReportPeriods.expected(def.type().periodKind()), "nothing");
        }
        return user(exchange).flatMap(user -> blocking(() -> reports.run(id, period, user,
                ReportService.Trigger.ON_DEMAND))).map(run -> ResponseEntity.status(HttpStatus.CREATED).body(run));
    }

    @GetMapping("/api/reports/runs/{run}/files/{name}")
    public Mono<ResponseEntity<Object>> download(@PathVariable String run, @PathVariable String name,
            @RequestParam(required = false) String site, ServerWebExchange exchange) {
        ReportService reports = sites.reportService(site);
        if (!run.matches("[A-Za-z0-9._-]+")) {
            return Mono.just(noSuchFile(run, name));
        }
        return user(exchange).flatMap(user -> blocking(() -> {
            Path file = reports.archive().file(run, name).orElse(null);
            if (file == null) {
                return noSuchFile(run, name);
            }
            audit.record(user, "report.download", run, name);
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(io.wattline.core.report.ReportFormat.parse(extension)
                            .mediaType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^\\x20-\\x7E]", "_")
                            + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .body((Object) Files.readAllBytes(file));
        }));
    }

    @GetMapping(value = "/api/reports/bills", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<UtilityBill>> bills(@RequestParam(required = false) String month,
            @RequestParam(required = false) String site) {
        BillRegister bills = sites.bills(site);
        return blocking(() -> bills.all().stream().filter(b -> month == null || b.month().toString().equals(month))
                .toList());
    }

    @PostMapping(value = "/api/reports/bills", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<UtilityBill>> enter(@RequestBody BillRequest request,
            @RequestParam(required = false) String site, ServerWebExchange exchange) {
        BillRegister bills = sites.bills(site);
        return user(exchange).flatMap(user -> {
            UtilityBill bill = request.toBill(user, clock.instant());
            return blocking(() -> {
                bills.add(bill);
                audit.record(user, "bill.enter", bill.month().toString(), describe(bill));
                return ResponseEntity.status(HttpStatus.CREATED).body(bill);
            });
        });
    }

    /** The answer of a bill import: what was entered and each refused line with its reason. */
    public record ImportView(int entered, List<UtilityBill> bills, List<BillImport.Rejection> rejected) {
    }

    @PostMapping(value = "/api/reports/bills.csv", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ImportView> importBills(@RequestBody String csv, @RequestParam(required = false) String site,
            ServerWebExchange exchange) {
        BillRegister bills = sites.bills(site);
        return user(exchange).flatMap(user -> blocking(() -> {
            BillImport.Result result = BillImport.parse(new StringReader(csv), user, clock.instant());
            for (UtilityBill b : result.bills()) {
                bills.add(b);
                audit.record(user, "bill.import", b.month().toString(), describe(b));
            }
            return new ImportView(result.bills().size(), result.bills(), result.rejected());
        }));
    }

    @ExceptionHandler(UnknownReportException.class)
    public ResponseEntity<ApiError> unknown(UnknownReportException e) {
        return new ApiError(404, "not_found", e.getMessage(), "id", null, e.id()).response();
    }

    /** A 404 problem for a file the archive does not list. */
    private static ResponseEntity<Object> noSuchFile(String run, String name) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(ApiError.PROBLEM_JSON).body(new ApiError(404,
                "not_found", "no archived file '" + name + "' in run '" + run + "'; GET /api/reports lists the runs"
                + " and their files (没有该报表文件)", "name", "a file the run lists", name));
    }

    private static String describe(UtilityBill b) {
        return "kWh " + b.kwhPerBand() + ", max demand " + b.maxDemandKw() + " kW, power factor " + b.powerFactor()
                + ", amount " + b.amount();
    }

    /** The signed-in user's name; "anonymous" until the security layer puts a principal on every request. */
    private static Mono<String> user(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("anonymous");
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        // report building reads DuckDB and renders files: keep it off the event loop
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
