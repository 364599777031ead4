package io.wattline.web.api;

/** A request parameter the API cannot use; answered with 400 and which parameter, what was expected. */
public final class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String expected;
    private final String actual;

    public InvalidParameterException(String parameter, String expected, String actual) {
        super("parameter '" + parameter + "': expected " + expected + ", got '" + actual + "' (参数 " + parameter
                + " 无效)");
        this.parameter = parameter;
        this.expected = expected;
        this.actual = actual;
    }

    public String parameter() {
        return parameter;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
