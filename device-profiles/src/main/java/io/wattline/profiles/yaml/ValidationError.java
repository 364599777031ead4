package io.wattline.profiles.yaml;

/**
 * One problem found in a YAML file, located precisely enough for an editor to jump to it.
 *
 * @param file    the file name as the user gave it
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param field   dotted path of the offending field, e.g. {@code meters[3].unitId}; empty for the root
 * @param message what is wrong and what was expected
 */
public record ValidationError(String file, int line, int column, String field, String message) {

    /** {@code file:line:column: field: message}, the format compilers use, so IDEs link it. */
    @Override
    public String toString() {
        String where = field == null || field.isEmpty() ? "(root)" : field;
        return file + ":" + line + ":" + column + ": " + where + ": " + message;
    }
}
