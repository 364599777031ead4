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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code notification:} section beyond its schema: references to people, transports,
 * lines, shifts and crews exist; ids are unique; patterns compile; a roster can reach someone.
 */
final class NotificationChecks {

    private final YamlDocument doc;
    private final List<ValidationError> errors = new ArrayList<>();

    NotificationChecks(YamlDocument doc) {
        this.doc = doc;
    }

    List<ValidationError> run() {
        JsonNode n = doc.root().path("notification");
        if (!n.isObject()) {
            return errors;
        }
        Set<String> transports = ids(n.path("transports"), "/notification/transports");
        Set<String> people = ids(n.path("people"), "/notification/people");
        ids(n.path("rosters"), "/notification/rosters");
        Set<String> lines = idsOf(doc.root().path("lines"));
        Set<String> shifts = doc.root().path("shifts").isObject() ? idsOf(doc.root().path("shifts").path("definitions"))
                : Set.of("day");
        Set<String> crews = new LinkedHashSet<>();
        doc.root().path("shifts").path("crews").forEach(c -> crews.add(c.asString()));
        for (Indexed p : objects(n.path("people"))) {
            references(p.node().path("channels"), transports, "/notification/people/" + p.index() + "/channels",
                    "transport");
        }
        for (Indexed r : objects(n.path("rosters"))) {
            String at = "/notification/rosters/" + r.index();
            references(r.node().path("lines"), lines, at + "/lines", "line");
            reference(text(r.node(), "supervisor"), people, at + "/supervisor", "person");
            for (Indexed o : objects(r.node().path("onCall"))) {
                String on = at + "/onCall/" + o.index();
                reference(text(o.node(), "shift"), shifts, on + "/shift", "shift");
                reference(text(o.node(), "crew"), crews, on + "/crew", "crew");
                references(o.node().path("people"), people, on + "/people", "person");
            }
        }
        if (!objects(n.path("rosters")).isEmpty() && transports.isEmpty()) {
            errors.add(doc.error("/notification/rosters", "rosters need at least one entry in notification.transports"
                    + " to send SMS by"));
        }
        for (Indexed t : objects(n.path("transports"))) {
            for (String field : List.of("successPattern", "messageIdPattern")) {
                String regex = text(t.node(), field);
                if (regex != null) {
                    try {
                        Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        errors.add(doc.error("/notification/transports/" + t.index() + "/" + field,
                                "not a regular expression: " + e.getDescription()));
                    }
                }
            }
        }
        return errors;
    }

    private Set<String> ids(JsonNode list, String pointer) {
        Set<String> ids = new LinkedHashSet<>();
        for (Indexed i : objects(list)) {
            String id = text(i.node(), "id");
            if (id != null && !ids.add(id)) {
                errors.add(doc.error(pointer + "/" + i.index() + "/id", "duplicate id '" + id + "'"));
            }
        }
        return ids;
    }

    private static Set<String> idsOf(JsonNode list) {
        Set<String> ids = new LinkedHashSet<>();
        for (Indexed i : objects(list)) {
            String id = text(i.node(), "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void references(JsonNode array, Set<String> known, String pointer, String kind) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isString()) {
                reference(array.get(i).asString(), known, pointer + "/" + i, kind);
            }
        }
    }

    private void reference(String id, Set<String> known, String pointer, String kind) {
        if (id != null && !known.contains(id)) {
            errors.add(doc.error(pointer, "unknown " + kind + " '" + id + "' (known: " + String.join(", ", known)
                    + ")" + Spelling.didYouMean(id, known)));
        }
    }
}
