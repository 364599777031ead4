package io.wattline.web.accounting;

import io.wattline.analytics.importing.ImportRequest;
import io.wattline.analytics.importing.ImportResult;
import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.web.api.ApiError;
import io.wattline.web.audit.AuditedRequests;
import io.wattline.web.load.WriteGuard;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/readings/import} with a {@code text/csv} body ({@code meter,point,time,value}),
 * streamed into the same importer as {@code wattline import} (memory stays flat for any size up to
 * {@code wattline.import.max-bytes}, 512 MB by default; beyond it 413). Answers 200 with what was
 * written, skipped, replaced and rejected (line and reason), so a partly bad file still imports its
 * good rows. {@code replace=true} corrects stored values; it needs an authenticated user and an
 * audit trail, else 403.
 */
@RestController
public class ReadingImportController {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingImportController.class);

    /** Default upper bound of one upload. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    private final ReadingImporter importer;
    private final long maxBytes;
    private final WriteGuard writeGuard;

    public ReadingImportController(ReadingImporter importer) {
        this(importer, DEFAULT_MAX_BYTES, WriteGuard.none());
    }

    public ReadingImportController(ReadingImporter importer, long maxBytes) {
        this(importer, maxBytes, WriteGuard.none());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ReadingImportController(ReadingImporter importer,
            @Value("${wattline.import.max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes, WriteGuard writeGuard) {
        this.importer = importer;
        this.maxBytes = maxBytes;
        this.writeGuard = writeGuard;
    }

    @PostMapping(value = "/api/readings/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> importCsv(ServerWebExchange exchange,
            @RequestParam(name = "replace", defaultValue = "false") boolean replace) {
        writeGuard.check("the import"); // 503 at once while the data volume is low on space
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null ? "" : remote.getAddress().getHostAddress();
        return exchange.getPrincipal().map(Principal::getName).map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(user -> {
                    if (replace && user.isEmpty()) {
                        return Mono.just(error(HttpStatus.FORBIDDEN, "replace=true corrects stored readings and is "
                                + "audited: it needs an authenticated engineer (更正读数需工程师登录)", "replace"));
                    }
                    ImportRequest request = new ImportRequest(replace, user.orElse("anonymous"), address);
                    AtomicLong bytes = new AtomicLong();
                    Flux<DataBuffer> body = exchange.getRequest().getBody().handle((buffer, sink) -> {
                        if (bytes.addAndGet(buffer.readableByteCount()) > maxBytes) {
                            DataBufferUtils.release(buffer);
                            sink.error(new TooLarge());
                        } else {
                            sink.next(buffer);
                        }
                    });
                    return Mono.fromCallable(() -> {
                        try (InputStream in = DataBufferUtils.subscriberInputStream(body, 16);
                                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                            ImportResult result = importer.importCsv("request body", reader, request, progress -> { });
                            exchange.getAttributes().put(AuditedRequests.DETAIL, "rows " + result.rows() + ", written "
                                    + result.written() + ", already stored " + result.alreadyStored() + ", rejected "
                                    + result.rejectedRows());
                            return ResponseEntity.ok((Object) result);
                        }
                    }).subscribeOn(Schedulers.boundedElastic())
                            .doOnCancel(() -> LOG.warn("import of readings by {} from {}{}: the client went away before "
                                    + "the answer; the import stops after the batch at hand. What was written stays, "
                                    + "every replaced reading is audited; import the file again to add the rest (it "
                                    + "writes only what is missing) (客户端已断开，导入中止：已写入的读数保留)",
                                    request.actor(), address, replace ? " (replace)" : ""))
                            .onErrorResume(e -> causedBy(e, TooLarge.class), e -> Mono.just(error(
                                    HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + maxBytes + " bytes "
                                            + "(wattline.import.max-bytes); split the file or use wattline import "
                                            + "(文件过大)", null)))
                            .onErrorResume(e -> causedBy(e, java.io.IOException.class), e -> Mono.just(error(
                                    HttpStatus.BAD_REQUEST, e.getMessage(), null)))
                            .onErrorResume(e -> causedBy(e, IllegalStateException.class)
                                    && String.valueOf(e.getMessage()).contains("audit"), e -> Mono.just(error(
                                    HttpStatus.FORBIDDEN, e.getMessage(), "replace")));
                });
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message, String parameter) {
        return ResponseEntity.status(status).contentType(ApiError.PROBLEM_JSON).body(new ApiError(status.value(),
                status.getReasonPhrase().toLowerCase().replace(' ', '_'), message, parameter, null, null));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The body grew past the limit. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("import body over the size limit", null, false, false);
        }
    }
}
