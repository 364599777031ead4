package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code reports:} section beyond its schema: unique ids, scopes that name known lines and
 * cost centres, schedules that are Quartz cron expressions, recipients only with a mail server, and
 * the fields that only one report type reads given to no other.
 */
final class ReportChecks {

    private final YamlDocument doc;
    private final List<ValidationError> errors = new ArrayList<>();

    ReportChecks(YamlDocument doc) {
        this.doc = doc;
    }

    List<ValidationError> run() {
        JsonNode reports = doc.root().path("reports");
        if (!reports.isObject()) {
            return errors;
        }
        Set<String> lines = ids(doc.root().path("lines"));
        Set<String> costCentres = ids(doc.root().path("costCentres"));
        Set<String> seen = new LinkedHashSet<>();
        boolean smtp = reports.path("smtp").isObject();
        for (Indexed d : objects(reports.path("definitions"))) {
            String at = "/reports/definitions/" + d.index();
            JsonNode def = d.node();
            String id = text(def, "id");
            if (id != null && !seen.add(id)) {
                errors.add(doc.error(at + "/id", "duplicate report id '" + id + "'"));
            }
            references(def.path("scope").path("lines"), lines, at + "/scope/lines", "line");
            references(def.path("scope").path("costCentres"), costCentres, at + "/scope/costCentres", "cost centre");
            String schedule = text(def, "schedule");
            if (schedule != null) {
                CronText.problem(schedule).ifPresent(p -> errors.add(doc.error(at + "/schedule", p)));
            }
            if (def.path("recipients").size() > 0 && !smtp) {
                errors.add(doc.error(at + "/recipients", "recipients need a mail server: add reports.smtp"
                        + " (host, from, username, password), or copy the files to a folder instead"));
            }
            String type = text(def, "type");
            onlyFor(def, at, type, "billTolerancePercent", "monthly-cost");
            onlyFor(def, at, type, "baselineMonths", "energy-review");
        }
        return errors;
    }

    private void onlyFor(JsonNode def, String at, String type, String field, String forType) {
        if (type != null && def.has(field) && !type.equals(forType)) {
            errors.add(doc.error(at + "/" + field, field + " is read by " + forType + " reports only, not " + type));
        }
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new LinkedHashSet<>();
        for (Indexed i : objects(list)) {
            if (text(i.node(), "id") != null) {
                ids.add(text(i.node(), "id"));
            }
        }
        return ids;
    }

    private void references(JsonNode array, Set<String> known, String pointer, String kind) {
        for (int i = 0; i < array.size(); i++) {
            String id = array.get(i).isString() ? array.get(i).asString() : null;
            if (id != null && !known.contains(id)) {
                errors.add(doc.error(pointer + "/" + i, "unknown " + kind + " '" + id + "' (known: "
                        + String.join(", ", known) + ")" + Spelling.didYouMean(id, known)));
            }
        }
    }
}
