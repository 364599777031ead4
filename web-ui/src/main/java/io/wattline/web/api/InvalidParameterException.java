package io.wattline.web.api;

import io.wattline.analytics.InvalidQueryException;

/**
 * A request parameter the API cannot read (a time that does not parse, a number that is not one);
 * answered with 400 and which parameter, what was expected and what was given, like every query
 * analytics refuses.
 */
public final class InvalidParameterException extends InvalidQueryException {

    public InvalidParameterException(String parameter, String expected, String actual) {
        super(parameter, expected, actual);
    }
}
