package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.ReportScope;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.report.ReportType;
import io.wattline.core.report.SmtpSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Maps the plant file's {@code reports:} section to core's report records, with the defaults
 * docs/reports.md promises. Runs only on trees that passed every check.
 */
final class ReportMapper {

    static final String DEFAULT_LANGUAGE = "zh-CN";

    private ReportMapper() {
    }

    /** @param contractedKw the plant's contracted maximum demand (a definition's default), or null */
    static ReportSettings map(JsonNode reports, Double contractedKw) {
        if (!reports.isObject()) {
            return ReportSettings.none();
        }
        List<ReportDefinition> definitions = new ArrayList<>();
        for (JsonNode d : reports.path("definitions")) {
            ReportType type = ReportType.parse(text(d, "type"));
            JsonNode scope = d.path("scope");
            definitions.add(new ReportDefinition(text(d, "id"), text(d, "name") == null ? text(d, "id") : text(d, "name"),
                    type, new ReportScope(strings(scope.path("lines")), strings(scope.path("costCentres"))),
                    text(d, "schedule"), strings(d.path("formats")).stream().map(ReportFormat::parse).toList(),
                    d.has("language") ? text(d, "language") : DEFAULT_LANGUAGE, strings(d.path("recipients")),
                    text(d, "folder"),
                    d.path("billTolerancePercent").asDouble(ReportDefinition.DEFAULT_BILL_TOLERANCE_PERCENT),
                    d.path("contractedDemandKw").isNumber() ? Double.valueOf(d.path("contractedDemandKw").asDouble()) : contractedKw,
                    d.path("baselineMonths").asInt(ReportDefinition.DEFAULT_BASELINE_MONTHS), text(d, "site")));
        }
        JsonNode s = reports.path("smtp");
        Optional<SmtpSettings> smtp = Optional.empty();
        if (s.isObject()) {
            String security = s.has("security") ? text(s, "security") : "starttls";
            int port = s.path("port").asInt(switch (security) {
                case "ssl" -> 465;
                case "none" -> 25;
                default -> 587;
            });
            smtp = Optional.of(new SmtpSettings(text(s, "host"), port, text(s, "from"), text(s, "username"),
                    PasswordReference.of(s), security));
        }
        return new ReportSettings(definitions, smtp);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }
}
