package io.wattline.web.api;

import io.wattline.analytics.InvalidQueryException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the API's own exceptions into JSON error bodies that say what was wrong. */
@RestControllerAdvice
public class ApiErrorHandler {

    /**
     * A parameter the API cannot read ({@link InvalidParameterException}) or a query analytics
     * refuses (an unknown line, a source the line lacks, a range too short to fit).
     */
    @ExceptionHandler(InvalidQueryException.class)
    public ResponseEntity<ApiError> invalidQuery(InvalidQueryException e) {
        return ResponseEntity.badRequest().body(new ApiError(400, "bad_request", e.getMessage(),
                e.parameter(), e.expected(), e.actual()));
    }

    @ExceptionHandler(UnknownPointException.class)
    public ResponseEntity<ApiError> unknownPoint(UnknownPointException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(404, "not_found",
                e.getMessage(), null, null, null));
    }
}
