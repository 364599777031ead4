package io.wattline.web.load;

import java.time.Duration;

/**
 * The server cannot take this request now (report pool full, a report stopped at its time limit,
 * the data volume below its low-space watermark); answered 503 with {@code Retry-After} and the reason.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;

    public ServiceUnavailableException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** Machine-readable reason: {@code reports_busy}, {@code report_timeout}, {@code low_disk_space}, {@code store_not_writable}. */
    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
