package io.wattline.web.api;

import io.wattline.analytics.InvalidQueryException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns every error a request can cause into an RFC 9457 problem body ({@link ApiError},
 * {@code application/problem+json}) that says what was wrong and where: the API's own exceptions, and
 * the framework's (a body that is not JSON, a wrong content type or method, a body over the limit).
 * What no handler here answers (an unknown route, an unexpected exception) {@link ProblemExceptionHandler}
 * answers, also as a problem.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    /** Longest piece of a parser's message quoted back; the rest is noise (and may echo the body). */
    private static final int MAX_CAUSE = 200;

    /**
     * A parameter the API cannot read ({@link InvalidParameterException}) or a query analytics
     * refuses (an unknown line, a source the line lacks, a range too short to fit).
     */
    @ExceptionHandler(InvalidQueryException.class)
    public ResponseEntity<ApiError> invalidQuery(InvalidQueryException e) {
        return new ApiError(400, "bad_request", e.getMessage(), e.parameter(), e.expected(), e.actual()).response();
    }

    @ExceptionHandler(UnknownPointException.class)
    public ResponseEntity<ApiError> unknownPoint(UnknownPointException e) {
        return new ApiError(404, "not_found", e.getMessage(), "id", "a configured point id", e.id()).response();
    }

    /** A body that is not what the route reads (not JSON, truncated, wrong types), or a parameter of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ApiError> input(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException m) {
            return new ApiError(400, "bad_request", "parameter '" + m.getName() + "' is required (缺少参数 "
                    + m.getName() + ")", m.getName(), "a value", null).response();
        }
        Throwable limit = find(e, DataBufferLimitException.class);
        if (limit != null) {
            return tooLarge(limit.getMessage());
        }
        String parameter = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
        boolean body = e.getMethodParameter() != null
                && e.getMethodParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class);
        String name = body ? "body" : parameter;
        String why = cause(e);
        String detail = (body ? "the request body cannot be read" : "parameter '" + name + "' cannot be read")
                + (why == null ? "" : ": " + why) + (body ? " (请求内容无法解析)" : " (参数 " + name + " 无效)");
        return new ApiError(400, "bad_request", detail, name, body ? "a body as documented in docs/api.md" : null,
                null).response();
    }

    @ExceptionHandler(DecodingException.class)
    public ResponseEntity<ApiError> decoding(DecodingException e) {
        return new ApiError(400, "bad_request", "the request body cannot be read: " + clip(e.getMessage())
                + " (请求内容无法解析)", "body", "a body as documented in docs/api.md", null).response();
    }

    @ExceptionHandler(DataBufferLimitException.class)
    public ResponseEntity<ApiError> bufferLimit(DataBufferLimitException e) {
        return tooLarge(e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ApiError> payloadTooLarge(PayloadTooLargeException e) {
        return tooLarge(e.getReason());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    public ResponseEntity<ApiError> mediaType(UnsupportedMediaTypeStatusException e) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", "));
        return new ApiError(415, "unsupported_media_type", "Content-Type "
                + (e.getContentType() == null ? "(none)" : e.getContentType()) + " is not accepted here; send "
                + supported + " (不支持的内容类型)", "Content-Type", supported,
                e.getContentType() == null ? null : e.getContentType().toString()).response();
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    public ResponseEntity<ApiError> method(MethodNotAllowedException e) {
        return new ApiError(405, "method_not_allowed", "method " + e.getHttpMethod() + " is not allowed here; use "
                + e.getSupportedMethods() + " (不支持该方法)", null, null, null).response();
    }

    @ExceptionHandler(NotAcceptableStatusException.class)
    public ResponseEntity<ApiError> notAcceptable(NotAcceptableStatusException e) {
        return new ApiError(406, "not_acceptable", "cannot answer in the media type asked for; this route gives "
                + e.getSupportedMediaTypes() + " (无法提供所需格式)", "Accept", null, null).response();
    }

    /** Any other status the framework raises (e.g. 404 for an unknown route), with its reason. */
    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ApiError> status(ResponseStatusException e, org.springframework.web.server.ServerWebExchange exchange) {
        int status = e.getStatusCode().value();
        String reason = e.getReason() == null ? e.getMessage() : e.getReason();
        if (status == 413) {
            return tooLarge(reason);
        }
        if (status == 404) {
            return new ApiError(404, "not_found", "no such route or page: " + exchange.getRequest().getMethod() + " "
                    + exchange.getRequest().getPath().value() + " (the routes are in docs/api.md) / 找不到该地址",
                    null, null, null).response();
        }
        if (status == 500) {
            return ProblemExceptionHandler.unexpected(exchange, e).response();
        }
        return new ApiError(status, "error_" + status, reason, null, null, null).response();
    }

    private static ResponseEntity<ApiError> tooLarge(String why) {
        return new ApiError(413, "payload_too_large", "the request body is larger than this route accepts"
                + (why == null ? "" : ": " + clip(why)) + " (请求内容过大)", "body", null, null).response();
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause();
        while (c != null && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == null ? null : clip(c.getMessage());
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() <= MAX_CAUSE ? line : line.substring(0, MAX_CAUSE) + "…";
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
