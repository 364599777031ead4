package io.wattline.web.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The last word on any error no controller advice answered (an unknown route, an exception outside a
 * controller): an RFC 9457 problem body like every other error ({@link ApiError}), ahead of Spring
 * Boot's own error page (order −1), so no answer is ever HTML or Boot's JSON. An unexpected exception
 * is a 500 whose body names a correlation id and nothing of the exception; the log has the id and the
 * stack trace ({@link #unexpected}).
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(e); // the answer has begun: nothing can be said any more but closing it
        }
        ApiError body = problem(exchange, e);
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(body.status()));
        response.getHeaders().setContentType(ApiError.PROBLEM_JSON);
        if (e instanceof ResponseStatusException s) {
            s.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
    }

    private static ApiError problem(ServerWebExchange exchange, Throwable e) {
        if (e instanceof ResponseStatusException s && s.getStatusCode().value() != 500) {
            int status = s.getStatusCode().value();
            String what = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
            String detail = switch (status) {
                case 404 -> "no such route or page: " + what + " (see docs/api.md for the routes) / 找不到该地址";
                case 405 -> "method not allowed: " + what + " / 不支持该方法";
                default -> (s.getReason() == null ? s.getMessage() : s.getReason()) + " (" + what + ")";
            };
            return new ApiError(status, status == 404 ? "not_found" : "error_" + status, detail, null, null, null);
        }
        return unexpected(exchange, e);
    }

    /**
     * A 500 problem for an exception no one expected: the body says what happened in general and gives a
     * correlation id (the request's id, as in Spring's own log lines); the log has the id, the request and
     * the stack trace, so the operator finds the cause from what the client shows.
     */
    static ApiError unexpected(ServerWebExchange exchange, Throwable e) {
        String id = exchange.getRequest().getId();
        log.error("unexpected error [correlation id {}] on {} {}", id, exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), e);
        return new ApiError(500, "internal_error", "an unexpected error stopped this request; it is in the server"
                + " log under correlation id " + id + ": please report it with that id / 服务器内部错误，日志关联编号 " + id,
                null, null, null).withCorrelationId(id);
    }
}
