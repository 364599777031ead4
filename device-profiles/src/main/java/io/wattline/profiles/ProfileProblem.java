package io.wattline.profiles;

/**
 * One thing wrong with a profile or its frames, located for a human: file, line (0 when unknown),
 * the field as a JSON pointer ({@code /points/3/unit}) and what was expected.
 */
public record ProfileProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + (line > 0 ? line : "?") + ": " + field + ": " + message;
    }
}
