package io.wattline.core.report;

import java.util.List;
import java.util.Optional;

/** The plant file's {@code reports:} section: the report definitions and the mail server, if any. */
public record ReportSettings(List<ReportDefinition> definitions, Optional<SmtpSettings> smtp) {

    public ReportSettings {
        definitions = List.copyOf(definitions);
        smtp = smtp == null ? Optional.empty() : smtp;
    }

    public static ReportSettings none() {
        return new ReportSettings(List.of(), Optional.empty());
    }

    public Optional<ReportDefinition> definition(String id) {
        return definitions.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
