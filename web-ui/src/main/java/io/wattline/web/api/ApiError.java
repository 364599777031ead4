package io.wattline.web.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The body of every API error, an RFC 9457 problem ({@code application/problem+json}): {@code type},
 * {@code title}, {@code status}, {@code detail}, plus the members scripts already read: {@code error}
 * (short code), {@code message} (= detail), and for a bad parameter {@code parameter}, {@code expected}
 * (what it must look like, with the allowed range) and {@code actual} (what was given).
 *
 * @param type      a URI reference naming the kind of problem, e.g. {@code /problems/bad-parameter}
 * @param parameter the offending request parameter or body field, or null when the error is not about one
 * @param expected  what the parameter must look like, or null
 * @param correlationId on an unexpected error (500), the id under which the server log has its cause; else null
 */
public record ApiError(String type, String title, int status, String detail, String error, String message,
        String parameter, String expected, String actual, String correlationId) {

    /** The media type of every error body. */
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** An error with {@code error} as its short code; type and title follow from the status. */
    public ApiError(int status, String error, String message, String parameter, String expected, String actual) {
        this(typeOf(status, parameter), titleOf(status, parameter), status, message, error, message, parameter,
                expected, actual, null);
    }

    /** This error with the correlation id its log line carries. */
    public ApiError withCorrelationId(String id) {
        return new ApiError(type, title, status, detail, error, message, parameter, expected, actual, id);
    }

    /** This error as a response with its status and {@code application/problem+json}. */
    public ResponseEntity<ApiError> response() {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(this);
    }

    private static String typeOf(int status, String parameter) {
        if (status == 400 && parameter != null) {
            return "/problems/bad-parameter";
        }
        HttpStatus s = HttpStatus.resolve(status);
        return s == null ? "about:blank" : "/problems/" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String titleOf(int status, String parameter) {
        if (status == 400 && parameter != null) {
            return "Bad request parameter (请求参数无效)";
        }
        return switch (status) {
            case 400 -> "Bad request (请求无效)";
            case 401 -> "Sign-in required (需要登录)";
            case 403 -> "Forbidden (无权限)";
            case 404 -> "Not found (未找到)";
            case 405 -> "Method not allowed (不支持该方法)";
            case 406 -> "Not acceptable (无法提供所需格式)";
            case 409 -> "Conflict (冲突)";
            case 413 -> "Request too large (请求过大)";
            case 415 -> "Unsupported media type (不支持的内容类型)";
            case 500 -> "Internal error (内部错误)";
            case 503 -> "Service unavailable (服务暂不可用)";
            default -> {
                HttpStatus s = HttpStatus.resolve(status);
                yield s == null ? "Error " + status : s.getReasonPhrase();
            }
        };
    }
}
