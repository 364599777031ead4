package io.wattline.web;

import io.wattline.config.ConfigException;
import io.wattline.profiles.yaml.ValidationError;
import java.util.List;

/** The plant configuration is invalid, so the application does not start; the message lists every error. */
public final class InvalidPlantConfigurationException extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidPlantConfigurationException(String source, ConfigException cause) {
        super(source + ": " + cause.getMessage(), cause);
        this.errors = cause.errors();
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
