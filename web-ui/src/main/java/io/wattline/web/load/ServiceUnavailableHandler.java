package io.wattline.web.load;

import io.wattline.historian.WritesHeldException;
import io.wattline.web.api.ApiError;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 503 with {@code Retry-After} (seconds) and a problem body ({@code application/problem+json}) that says why, in English and Chinese. */
@RestControllerAdvice
public class ServiceUnavailableHandler {

    @ExceptionHandler(ServiceUnavailableException.class)
    public ResponseEntity<ApiError> unavailable(ServiceUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(ApiError.PROBLEM_JSON).body(new ApiError(503, e.code(), e.getMessage(), null, null, null));
    }

    /** The disk filled while the request was being stored: what was accepted stays queued. */
    @ExceptionHandler(WritesHeldException.class)
    public ResponseEntity<ApiError> writesHeld(WritesHeldException e) {
        return unavailable(new ServiceUnavailableException("low_disk_space", e.getMessage()
                + " / 数据盘空间不足，已接收的数据在空间恢复后写入", Duration.ofSeconds(60)));
    }
}
