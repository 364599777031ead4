package io.wattline.web.security;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Abuse limits past the door: a request body larger than its limit is refused with 413 and the
 * limit (file uploads such as bills: {@code wattline.http.max-import-body}, 16 MiB by default; anything
 * else {@code wattline.http.max-body}, 1 MiB), before it is read into memory when it declares its length,
 * while it streams otherwise (the readings import streams its body and keeps its own limit,
 * {@code wattline.import.max-bytes}); and each user may hold at most {@code wattline.http.max-streams-per-user}
 * (8) live streams ({@code /api/stream/**}) at once, the next one getting 429.
 */
public final class RequestLimits implements WebFilter {

    /** Routes that take whole files. */
    static final Pattern IMPORTS = Pattern.compile("/api/reports/bills\\.csv|/api/.*/import");
    /** Routes that stream their body and enforce their own limit. */
    static final Pattern OWN_LIMIT = Pattern.compile("/api/readings/import");

    private final long maxBody;
    private final long maxImportBody;
    private final int maxStreamsPerUser;
    private final Map<String, AtomicInteger> streams = new ConcurrentHashMap<>();

    public RequestLimits(long maxBody, long maxImportBody, int maxStreamsPerUser) {
        this.maxBody = maxBody;
        this.maxImportBody = maxImportBody;
        this.maxStreamsPerUser = maxStreamsPerUser;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/api/stream/")) {
            return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("anonymous")
                    .flatMap(user -> stream(exchange, chain, user));
        }
        if (OWN_LIMIT.matcher(path).matches()) {
            return chain.filter(exchange);
        }
        long limit = IMPORTS.matcher(path).matches() ? maxImportBody : maxBody;
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange, path, limit, declared);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(b -> {
                    if (seen.addAndGet(b.readableByteCount()) > limit) {
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, message(path, limit, -1));
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Mono<Void> stream(ServerWebExchange exchange, WebFilterChain chain, String user) {
        AtomicInteger open = streams.computeIfAbsent(user, u -> new AtomicInteger());
        if (open.incrementAndGet() > maxStreamsPerUser) {
            open.decrementAndGet();
            return SecurityAnswers.json(exchange, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", "user " + user + " already has "
                    + maxStreamsPerUser + " live streams open, the most one user may hold; close one first"
                    + " / 每个用户最多同时打开 " + maxStreamsPerUser + " 个实时数据流");
        }
        return chain.filter(exchange).doFinally(signal -> open.decrementAndGet());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, String path, long limit, long declared) {
        return SecurityAnswers.json(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", message(path, limit, declared));
    }

    static String message(String path, long limit, long declared) {
        return "the request body" + (declared >= 0 ? " of " + declared + " bytes" : "") + " is larger than the limit of "
                + size(limit) + " for " + path + " (split the file) / 请求体超过 " + size(limit) + " 的上限，请拆分文件";
    }

    static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
