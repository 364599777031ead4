package io.wattline.web.security;

import io.wattline.web.api.ApiError;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * What a request without a user, or with too small a role, gets: the API and scripts a JSON 401
 * (429 with {@code Retry-After} while the login throttle refuses) or 403 that says what to do; a
 * browser asking for a page a redirect to the login page.
 */
public final class SecurityAnswers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        if (e instanceof LoginThrottledException t) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(t.seconds()));
            return json(exchange, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", t.getMessage());
        }
        if (wantsPage(exchange)) {
            exchange.getResponse().setStatusCode(HttpStatus.FOUND);
            exchange.getResponse().getHeaders().setLocation(URI.create("/login"));
            return exchange.getResponse().setComplete();
        }
        if (exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Mode") == null) {
            // a script: say how to sign in (a browser page would pop up a password dialog instead)
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wattline\"");
        }
        String why = e.getMessage() != null && (e.getMessage().contains("用户名") || e.getMessage().contains("令牌"))
                ? e.getMessage() + ": " : "";
        return json(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", why + "sign in first (scripts: curl -u USER:PASSWORD"
                + " or -H 'Authorization: Bearer TOKEN', see docs/security.md) / 请先登录");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String what = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        if (denied.getMessage() != null && denied.getMessage().toLowerCase().contains("csrf")) {
            return json(exchange, HttpStatus.FORBIDDEN, "forbidden", what + ": missing or wrong CSRF token (send the"
                    + " XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header) / 缺少或错误的 CSRF 令牌");
        }
        return exchange.getPrincipal().map(p -> p.getName()).defaultIfEmpty("?").flatMap(user -> json(exchange,
                HttpStatus.FORBIDDEN, "forbidden", "user " + user + " may not " + what + ": the role is too small"
                        + " (see docs/security.md) / 当前用户角色无权执行此操作"));
    }

    /** A browser navigating to a page (not the API, not a script). */
    static boolean wantsPage(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/api/")) {
            return false;
        }
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(m -> m.isCompatibleWith(MediaType.TEXT_HTML) && !m.isWildcardType());
    }

    /**
     * Answers an RFC 9457 problem ({@code application/problem+json}, the shape of every API error, see
     * {@link ApiError}) with the status, a short code and the message in words.
     */
    static Mono<Void> json(ServerWebExchange exchange, HttpStatus status, String error, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(ApiError.PROBLEM_JSON);
        ApiError body = new ApiError(status.value(), error, message, null, null, null);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
    }

    /**
     * What a request the firewall refuses before any handler sees it gets (a path with {@code ;},
     * {@code ..}, an encoded {@code /} or {@code %}, a header with control characters): a 400 problem
     * that says why, instead of an empty answer.
     */
    static Mono<Void> rejected(ServerWebExchange exchange, ServerExchangeRejectedException e) {
        return json(exchange, HttpStatus.BAD_REQUEST, "bad_request", "the request was refused before it reached"
                + " Wattline: " + e.getMessage() + " (paths and ids must not contain ';', '..', '\\', an encoded '/'"
                + " or '%') / 请求含有不允许的字符，已被拒绝");
    }
}
