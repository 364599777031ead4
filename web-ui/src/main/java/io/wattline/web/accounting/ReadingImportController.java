package io.wattline.web.accounting;

import io.wattline.analytics.importing.ImportResult;
import io.wattline.analytics.importing.ReadingImporter;
import java.io.StringReader;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import io.wattline.web.audit.AuditedRequests;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/readings/import} with a {@code text/csv} body ({@code meter,point,time,value}):
 * answers 200 with what was written, skipped and rejected (line and reason) for every file it could
 * read, so a partly bad file still imports its good rows.
 */
@RestController
public class ReadingImportController {

    private final ReadingImporter importer;

    public ReadingImportController(ReadingImporter importer) {
        this.importer = importer;
    }

    @PostMapping(value = "/api/readings/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ImportResult> importCsv(@RequestBody String csv, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> importer.importCsv("request body", new StringReader(csv)))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(r -> exchange.getAttributes().put(AuditedRequests.DETAIL, "rows " + r.rows() + ", written " + r.written() + ", already stored " + r.alreadyStored()
                        + ", rejected " + r.rejected().size()));
    }
}
