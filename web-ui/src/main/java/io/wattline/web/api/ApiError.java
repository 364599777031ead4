package io.wattline.web.api;

/**
 * The JSON body of every API error.
 *
 * @param parameter the offending request parameter, or null when the error is not about one
 * @param expected  what the parameter must look like, or null
 */
public record ApiError(int status, String error, String message, String parameter, String expected,
        String actual) {
}
