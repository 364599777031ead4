package io.wattline.web;

import io.wattline.historian.HistorianException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Reports the startup failures a user can fix (an invalid plant configuration, an unusable data
 * directory) as Spring Boot's short "APPLICATION FAILED TO START" text instead of a stack trace.
 */
public class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidPlantConfigurationException invalid) {
                return new FailureAnalysis(invalid.getMessage(),
                        "Fix the configuration (./wattline validate FILE lists the same errors) and start again.",
                        invalid);
            }
            if (t instanceof HistorianException historian) {
                return new FailureAnalysis(historian.getMessage(),
                        "Choose a usable --data directory, or stop the process that holds this one.", historian);
            }
        }
        return null;
    }
}
