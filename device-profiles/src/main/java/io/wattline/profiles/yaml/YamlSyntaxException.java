package io.wattline.profiles.yaml;

/** The text is not well-formed YAML; {@link #error()} says where. */
public final class YamlSyntaxException extends Exception {

    private final ValidationError error;

    public YamlSyntaxException(ValidationError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    public ValidationError error() {
        return error;
    }
}
