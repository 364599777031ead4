package io.wattline.analytics;

/**
 * A query analytics cannot answer as asked (an unknown line, a source the line lacks, a baseline
 * range too short to fit): names the parameter, what was expected and what was given, so that the
 * caller can tell the user what to change (the web layer answers 400 with these three).
 */
public class InvalidQueryException extends IllegalArgumentException {

    private final String parameter;
    private final String expected;
    private final String actual;

    public InvalidQueryException(String parameter, String expected, String actual) {
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

    /** The value given, as text; null when the parameter was missing. */
    public String actual() {
        return actual;
    }
}
