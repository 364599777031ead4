package io.wattline.config;

import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration file is invalid; {@link #errors()} lists every problem found, not just the first. */
public final class ConfigException extends Exception {

    private final List<ValidationError> errors;

    public ConfigException(List<ValidationError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(List<ValidationError> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return "invalid configuration, " + count + ":\n" + errors.stream()
                .map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
