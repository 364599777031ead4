package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Checks the time zone and the shift calendar with its crew rotation (tariffs: {@link TariffChecks}). */
final class CalendarChecks {

    private final YamlDocument doc;
    private final List<ValidationError> errors = new ArrayList<>();

    CalendarChecks(YamlDocument doc) {
        this.doc = doc;
    }

    List<ValidationError> run() {
        timeZone();
        JsonNode shifts = doc.root().path("shifts");
        if (shifts.isObject()) {
            List<String> shiftIds = shifts(shifts.path("definitions"));
            rotation(shifts, shiftIds);
        }
        return errors;
    }

    private void timeZone() {
        String zone = text(doc.root().path("plant"), "timeZone");
        if (zone == null || zone.isEmpty()) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(doc.error("/plant/timeZone", "unknown time zone '" + zone
                    + "' (expected an IANA zone like Asia/Shanghai or Europe/Berlin)"
                    + Spelling.didYouMean(zone, ZoneId.getAvailableZoneIds())));
        }
    }

    /** Unique ids and a tiling of the day; returns the shift ids in order (null where unreadable). */
    private List<String> shifts(JsonNode definitions) {
        List<String> ids = new ArrayList<>();
        if (!definitions.isArray()) {
            return ids;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<DayTiling.Window> windows = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode shift = definitions.get(i);
            String id = text(shift, "id");
            ids.add(id);
            if (id != null && seen.putIfAbsent(id, i) != null) {
                errors.add(doc.error("/shifts/definitions/" + i + "/id", "duplicate shift id '" + id
                        + "' (also used on line " + doc.lineOf("/shifts/definitions/" + seen.get(id)) + ")"));
            }
            LocalTime start = time(text(shift, "start"));
            LocalTime end = time(text(shift, "end"));
            if (start == null || end == null) {
                complete = false; // the schema reported it; a tiling check now would only add noise
            } else {
                windows.add(new DayTiling.Window(i, start, end));
            }
        }
        if (complete && !windows.isEmpty()) {
            for (DayTiling.Fault fault : DayTiling.faults(windows)) {
                if (fault.isGap()) {
                    errors.add(doc.error("/shifts/definitions", "no shift covers "
                            + DayTiling.span(fault) + " (shifts must tile the 24 hours exactly)"));
                } else {
                    int last = fault.owners().get(fault.owners().size() - 1);
                    List<String> names = fault.owners().stream()
                            .map(o -> "'" + text(definitions.get(o), "id") + "'").toList();
                    errors.add(doc.error("/shifts/definitions/" + last, "shifts "
                            + String.join(" and ", names) + " overlap at " + DayTiling.span(fault)
                            + " (shifts must tile the 24 hours exactly)"));
                }
            }
        }
        return ids;
    }

    private void rotation(JsonNode shifts, List<String> shiftIds) {
        Set<String> crews = new LinkedHashSet<>();
        JsonNode crewList = shifts.path("crews");
        for (int i = 0; crewList.isArray() && i < crewList.size(); i++) {
            String crew = crewList.get(i).isString() ? crewList.get(i).asString() : null;
            if (crew != null && !crews.add(crew)) {
                errors.add(doc.error("/shifts/crews/" + i, "duplicate crew '" + crew + "'"));
            }
        }
        JsonNode rotation = shifts.path("rotation");
        if (!rotation.isObject()) {
            return;
        }
        String epoch = text(rotation, "epoch");
        if (epoch != null && epoch.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            try {
                LocalDate.parse(epoch);
            } catch (DateTimeParseException e) {
                errors.add(doc.error("/shifts/rotation/epoch", "expected a real date YYYY-MM-DD, got \""
                        + epoch + "\" (" + e.getMessage().replaceFirst("^.*: ", "") + ")"));
            }
        }
        JsonNode pattern = rotation.path("pattern");
        for (int d = 0; pattern.isArray() && d < pattern.size(); d++) {
            JsonNode row = pattern.get(d);
            String at = "/shifts/rotation/pattern/" + d;
            if (!row.isArray()) {
                continue;
            }
            if (row.size() != shiftIds.size()) {
                errors.add(doc.error(at, "expected " + shiftIds.size() + " crews (one per shift: "
                        + String.join(", ", shiftIds.stream().map(String::valueOf).toList())
                        + "), got " + row.size()));
            }
            for (int s = 0; s < row.size(); s++) {
                String crew = row.get(s).isString() ? row.get(s).asString() : null;
                if (crew != null && !crew.equals("-") && !crews.contains(crew)) {
                    String expected = crews.isEmpty() ? "no crews are defined in shifts.crews"
                            : "expected one of: " + String.join(", ", crews) + ", or - for no crew";
                    errors.add(doc.error(at + "/" + s, "unknown crew '" + crew + "' (" + expected + ")"));
                }
            }
        }
    }

    /** "HH:MM" to a time, or null when the schema has already rejected it. */
    static LocalTime time(String text) {
        if (text == null || !text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return null;
        }
        return LocalTime.parse(text);
    }
}
